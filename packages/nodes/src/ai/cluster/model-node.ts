import { type NodeGroup, p, type PortSpec } from '@guixu/core';

export interface ModelNodeSpec {
  type: string;
  displayName: string;
  description: string;
  credential: string;
  defaultModel: string;
}

/** What every model sub-node (chat or embeddings) declares the same way: one credential, one output, a model. */
export function modelNodeHeader(spec: ModelNodeSpec, icon: string, output: PortSpec) {
  return {
    type: spec.type,
    version: 1,
    displayName: spec.displayName,
    description: spec.description,
    group: 'ai' as NodeGroup,
    icon,
    inputs: [],
    outputs: [output],
    credentials: [{ name: spec.credential, required: true }],
  };
}

/** Picked in the editor from the models the credential's provider lists, or typed by id. */
export const modelParam = (defaultModel: string) =>
  p.resource({ label: 'Model', default: defaultModel, required: true, loadOptions: 'models' });
