import type { NodeTypeDescription } from '@guixu/api';
import { type AnyNodeDefinition, portsOf, toFormFields, versionsOf } from '@guixu/core';

/** The catalog entry the editor receives for one node definition. */
export function describeNodeType(definition: AnyNodeDefinition): NodeTypeDescription {
  const versions = [...versionsOf(definition)].sort((a, b) => a - b);
  const outputNames =
    typeof definition.outputNames === 'function' ? definition.outputNames({}) : definition.outputNames;
  const description: NodeTypeDescription = {
    type: definition.type,
    versions,
    defaultVersion: versions[versions.length - 1],
    displayName: definition.displayName,
    description: definition.description,
    group: definition.group,
    defaultName: definition.defaultName ?? definition.displayName,
    inputs: portsOf(definition, 'inputs', {}).map((p) => ({ ...p })),
    outputs: portsOf(definition, 'outputs', {}).map((p) => ({ ...p })),
    dynamicInputs: typeof definition.inputs === 'function',
    dynamicOutputs: typeof definition.outputs === 'function',
    credentials: (definition.credentials ?? []).map((slot) => ({
      name: slot.name,
      types: [...(slot.types ?? [slot.name])],
      required: slot.required ?? false,
      ...(slot.displayOptions ? { displayOptions: toMutable(slot.displayOptions) } : {}),
    })),
    alwaysRun: definition.alwaysRun ?? false,
    properties: toFormFields(definition.params),
  };
  if (definition.icon) description.icon = definition.icon;
  if (outputNames) description.outputNames = [...outputNames];
  if (definition.trigger) description.trigger = { kind: definition.trigger.kind };
  if (definition.docs) description.docs = definition.docs;
  return description;
}

function toMutable(options: {
  show?: Record<string, readonly unknown[]>;
  hide?: Record<string, readonly unknown[]>;
}): { show?: Record<string, unknown[]>; hide?: Record<string, unknown[]> } {
  const copy = (r: Record<string, readonly unknown[]>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [...v]]));
  return {
    ...(options.show ? { show: copy(options.show) } : {}),
    ...(options.hide ? { hide: copy(options.hide) } : {}),
  };
}
