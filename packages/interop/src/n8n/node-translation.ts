import {
  type AnyNodeDefinition,
  checkParams,
  type NodeRegistry,
  type ParamShape,
  versionsOf,
  type WorkflowNode,
} from '@guixu/core';
import { placeholderNode } from '../shared/placeholder.ts';
import type { NodeReport } from '../shared/report.ts';
import { checkExpressions } from './expression-check.ts';
import { deepCopy, type N8nMapping, type Translation } from './mapping.ts';
import { mappings } from './mappings/index.ts';
import type { N8nNode } from './n8n-file.ts';
import { carrySettings, positionOf } from './node-settings.ts';
import { type PortUsage, placeholderPorts } from './ports.ts';

const byN8nType = new Map<string, N8nMapping>();
for (const mapping of mappings) for (const type of mapping.n8nTypes) byN8nType.set(type, mapping);

export function mappingFor(n8nType: string): N8nMapping | undefined {
  return byN8nType.get(n8nType);
}

export interface TranslatedNode {
  node: WorkflowNode;
  report: NodeReport;
  /** n8n main output index → GuixuFlow output indexes. */
  outputs?: (index: number) => number[];
  /** n8n credential slot → GuixuFlow slot, when the mapping renames it. */
  credentialSlots?: Record<string, string>;
}

function latestVersion(definition: AnyNodeDefinition): number {
  return Math.max(...versionsOf(definition));
}

function unmappedReason(type: string): string {
  if (type.startsWith('@n8n/n8n-nodes-langchain.')) {
    return 'AI nodes are not available in GuixuFlow yet; the node and its AI connections are kept for when they are';
  }
  if (type.startsWith('n8n-nodes-base.'))
    return `GuixuFlow has no equivalent of n8n's "${type.slice(15)}" node yet`;
  return `"${type}" is a community or custom n8n node that GuixuFlow does not provide`;
}

export interface TranslateOptions {
  source: N8nNode;
  name: string;
  id: string;
  usage: PortUsage | undefined;
  registry: NodeRegistry;
}

/** One n8n node → one GuixuFlow node (mapped, or a placeholder that keeps the original). */
export function translateNode({ source, name, id, usage, registry }: TranslateOptions): TranslatedNode {
  const version = source.typeVersion ?? 1;
  const originalParameters = source.parameters ?? {};
  const warnings: string[] = [];
  const report: NodeReport = {
    node: name,
    sourceType: source.type,
    sourceVersion: version,
    status: 'mapped',
    warnings,
  };
  const finish = (node: WorkflowNode): WorkflowNode => {
    carrySettings(source, node, (message) => warnings.push(message));
    return node;
  };
  const placeholder = (reason: string): TranslatedNode => {
    report.status = 'placeholder';
    report.targetType = 'guixu.placeholder';
    report.reason = reason;
    const looksLikeTrigger = /trigger$/i.test(source.type) || /\.(start|webhook|cron)$/i.test(source.type);
    const node = finish(
      placeholderNode({
        id,
        name,
        position: positionOf(source),
        originalType: source.type,
        originalTypeVersion: version,
        originalParameters: deepCopy(originalParameters),
        reason,
        ...placeholderPorts(usage, looksLikeTrigger),
      }),
    );
    // A placeholder is always disabled, whatever the original said.
    node.disabled = true;
    return { node, report };
  };

  const mapping = mappingFor(source.type);
  if (!mapping) return placeholder(unmappedReason(source.type));
  let translation: Translation;
  try {
    translation = mapping.translate
      ? mapping.translate(
          { name, type: source.type, typeVersion: version, parameters: deepCopy(originalParameters) },
          { registry, warn: (message) => warnings.push(message) },
        )
      : { parameters: deepCopy(originalParameters) };
  } catch (error) {
    return placeholder(
      `its parameters could not be translated: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (translation.unsupported) return placeholder(translation.unsupported);
  const type = translation.type ?? mapping.guixuType;
  const definition = registry.find(type);
  if (!definition) return placeholder(`GuixuFlow's ${type} node is not available in this installation`);
  const typeVersion = translation.typeVersion ?? latestVersion(definition);
  const shape = registry.get(type, typeVersion).params as ParamShape;
  clearEmptyExpressions(shape, translation.parameters);
  // An empty required field (n8n saves half-configured nodes) is the user's to fill: the node
  // imports as itself and validation reports the field, instead of a placeholder hiding it.
  const issues = checkParams(shape, translation.parameters).filter(
    (issue) => !isEmptyRequired(translation.parameters, issue.parameter),
  );
  if (issues.length > 0) {
    return placeholder(
      `its parameters do not fit GuixuFlow's ${type} node: ${issues.map((issue) => issue.message).join('; ')}`,
    );
  }
  warnings.push(...checkExpressions(translation.parameters));
  report.targetType = type;
  const node = finish({
    id,
    name,
    type,
    typeVersion,
    position: positionOf(source),
    parameters: translation.parameters,
  });
  return { node, report, outputs: translation.outputs, credentialSlots: translation.credentialSlots };
}

/** `"="` is an empty expression: n8n evaluates it to "", so it is saved as the empty text it means. */
function clearEmptyExpressions(shape: ParamShape, parameters: Record<string, unknown>): void {
  for (const name of Object.keys(shape)) {
    if (typeof parameters[name] === 'string' && (parameters[name] as string).trim() === '=')
      parameters[name] = '';
  }
}

function isEmptyRequired(parameters: Record<string, unknown>, name: string): boolean {
  const value = parameters[name];
  return value === undefined || value === '';
}
