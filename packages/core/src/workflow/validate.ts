import { checkTemplate } from '../expression/index.ts';
import type { NodeRegistry } from '../registry.ts';
import { type AnyNodeDefinition, portsOf } from '../sdk/define-node.ts';
import type { ParamShape } from '../sdk/params.ts';
import { checkParams, isExpressionString, isVisible } from '../sdk/resolve.ts';
import { endlessCycles } from './endless-cycles.ts';
import { waitsForForm } from './never-resumed.ts';
import { CONNECTION_TYPES, type Workflow, workflowSchema } from './schema.ts';

export interface ValidationIssue {
  code: string;
  message: string;
  /** JSON path inside the document, e.g. `nodes[2].parameters.url`. */
  path: string;
  node?: string;
  parameter?: string;
  /** For expressions: offset, line and column inside the expression. */
  position?: { offset?: number; line?: number; column?: number };
}

export interface ValidationResult {
  /** The parsed document, when its shape was readable. */
  workflow?: Workflow;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}

function zodPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

/** Walks every expression string in a parameter value. */
function* expressionsIn(value: unknown, path: string): Generator<[string, string]> {
  if (isExpressionString(value)) yield [value, path];
  else if (Array.isArray(value))
    for (const [i, v] of value.entries()) yield* expressionsIn(v, `${path}[${i}]`);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* expressionsIn(v, `${path}.${k}`);
}

function isAnnotation(definition: AnyNodeDefinition, parameters: Record<string, unknown>): boolean {
  return (
    !definition.trigger &&
    portsOf(definition, 'inputs', parameters).length === 0 &&
    portsOf(definition, 'outputs', parameters).length === 0
  );
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Checks a workflow document and reports every problem at once: shape, unknown
 * node types and versions, duplicate names, dangling connections, parameter
 * values, expression syntax; unreachable nodes are warnings.
 */
export function validateWorkflow(input: unknown, registry: NodeRegistry): ValidationResult {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const parsed = workflowSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = zodPath(issue.path);
      // The path travels next to the message (CLI: "path: message"), so the message does not repeat it.
      let message = issue.message.replace(/^Invalid input: /, '');
      if (path === '') {
        message = `A workflow is a JSON object with "nodes" and "connections"; this is ${kindOf(input)}`;
      } else if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
        message = `Missing; expected ${issue.expected}`;
      }
      errors.push({ code: 'WORKFLOW_SHAPE', message, path });
    }
    return { errors, warnings };
  }
  const workflow = parsed.data;
  const byName = new Map<string, { index: number; definition?: AnyNodeDefinition }>();

  workflow.nodes.forEach((node, index) => {
    const base = `nodes[${index}]`;
    if (byName.has(node.name)) {
      errors.push({
        code: 'NODE_NAME_DUPLICATE',
        message: `Node name "${node.name}" is used more than once; names must be unique`,
        path: `${base}.name`,
        node: node.name,
      });
      return;
    }
    const definition = registry.find(node.type, node.typeVersion);
    byName.set(node.name, { index, definition });
    if (!definition) {
      const known = registry.find(node.type);
      errors.push(
        known
          ? {
              code: 'NODE_VERSION_UNKNOWN',
              message: `Node "${node.name}": type ${node.type} has no version ${node.typeVersion}`,
              path: `${base}.typeVersion`,
              node: node.name,
            }
          : {
              code: 'NODE_TYPE_UNKNOWN',
              message: `Node "${node.name}": unknown node type "${node.type}" (see \`guixu nodes list\`)`,
              path: `${base}.type`,
              node: node.name,
            },
      );
      return;
    }
    for (const issue of checkParams(definition.params as ParamShape, node.parameters)) {
      errors.push({
        code: 'PARAMETER_INVALID',
        message: `Node "${node.name}": ${issue.message}`,
        path: `${base}.parameters.${issue.parameter}`,
        node: node.name,
        parameter: issue.parameter,
      });
    }
    for (const [name, param] of Object.entries(definition.params as ParamShape)) {
      if (param.options.noExpression) continue;
      for (const [source, path] of expressionsIn(node.parameters[name], name)) {
        try {
          checkTemplate(source);
        } catch (error) {
          const details = (error as { details?: { position?: ValidationIssue['position'] } }).details;
          errors.push({
            code: (error as { code?: string }).code ?? 'EXPRESSION_SYNTAX',
            message: `Node "${node.name}", parameter ${path}: ${(error as Error).message}`,
            path: `${base}.parameters.${path}`,
            node: node.name,
            parameter: path,
            position: details?.position,
          });
        }
      }
    }
    const parameters = node.parameters ?? {};
    // A key the node does not declare is ignored when it runs: usually a parameter of
    // another tool's node or version that was copied without being translated.
    for (const name of Object.keys(parameters)) {
      if (Object.hasOwn(definition.params, name)) continue;
      warnings.push({
        code: 'PARAMETER_UNKNOWN',
        message: `Node "${node.name}": parameter "${name}" is not a parameter of ${node.type} and is ignored`,
        path: `${base}.parameters.${name}`,
        node: node.name,
        parameter: name,
      });
    }
    const paramDefault = (name: string) => (definition.params as ParamShape)[name]?.default;
    for (const slot of definition.credentials ?? []) {
      // A slot hidden by its display rules (e.g. another auth type is chosen) is not needed.
      const needed = isVisible(slot.displayOptions, parameters, parameters, paramDefault);
      if (slot.required && needed && !node.credentials?.[slot.name] && !node.disabled) {
        warnings.push({
          code: 'CREDENTIAL_MISSING',
          message: `Node "${node.name}" needs a "${slot.name}" credential`,
          path: `${base}.credentials.${slot.name}`,
          node: node.name,
        });
      }
    }
  });

  // Connections: both ends must exist; indexes must fit the nodes' ports.
  const adjacency = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!adjacency.has(a)) adjacency.set(a, new Set());
    adjacency.get(a)!.add(b);
  };
  for (const [source, byType] of Object.entries(workflow.connections)) {
    const from = byName.get(source);
    if (!from) {
      errors.push({
        code: 'CONNECTION_SOURCE_UNKNOWN',
        message: `Connections start from "${source}", which is not a node in this workflow`,
        path: `connections.${source}`,
      });
      continue;
    }
    for (const [type, outputs] of Object.entries(byType)) {
      if (!(CONNECTION_TYPES as readonly string[]).includes(type)) {
        warnings.push({
          code: 'CONNECTION_TYPE_UNKNOWN',
          message: `Node "${source}": unknown connection type "${type}"`,
          path: `connections.${source}.${type}`,
          node: source,
        });
      }
      const sourceNode = workflow.nodes[from.index];
      const outputCount = from.definition
        ? portsOf(from.definition, 'outputs', sourceNode.parameters).filter((p) => p.type === type).length +
          (type === 'main' && sourceNode.onError === 'continueErrorOutput' ? 1 : 0)
        : undefined;
      outputs.forEach((targets, outputIndex) => {
        if (!targets || targets.length === 0) return;
        if (outputCount !== undefined && outputIndex >= outputCount) {
          errors.push({
            code: 'CONNECTION_OUTPUT_UNKNOWN',
            message: `Node "${source}" has no ${type} output ${outputIndex} (it has ${outputCount})`,
            path: `connections.${source}.${type}[${outputIndex}]`,
            node: source,
          });
        }
        targets.forEach((target, t) => {
          const path = `connections.${source}.${type}[${outputIndex}][${t}]`;
          const to = byName.get(target.node);
          if (!to) {
            errors.push({
              code: 'CONNECTION_TARGET_UNKNOWN',
              message: `Node "${source}" connects to "${target.node}", which is not a node in this workflow`,
              path,
              node: source,
            });
            return;
          }
          link(source, target.node);
          if (type !== 'main') link(target.node, source); // AI sub-nodes hang off their parent
          if (to.definition) {
            const targetNode = workflow.nodes[to.index];
            const inputs = portsOf(to.definition, 'inputs', targetNode.parameters).filter(
              (p) => p.type === target.type,
            );
            if (target.index >= inputs.length) {
              errors.push({
                code: 'CONNECTION_INPUT_UNKNOWN',
                message: `Node "${source}" connects to ${target.type} input ${target.index} of "${target.node}", which has ${inputs.length}`,
                path,
                node: target.node,
              });
            }
          }
        });
      });
    }
  }

  // Reachability from the triggers (or from nodes without main parents).
  const hasMainParent = new Set<string>();
  for (const byType of Object.values(workflow.connections))
    for (const targets of byType.main ?? []) for (const t of targets ?? []) hasMainParent.add(t.node);
  const starts = workflow.nodes.filter((n) => byName.get(n.name)?.definition?.trigger);
  const roots = starts.length > 0 ? starts : workflow.nodes.filter((n) => !hasMainParent.has(n.name));
  const seen = new Set<string>();
  const queue = roots.map((n) => n.name);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const next of adjacency.get(name) ?? []) queue.push(next);
  }
  if (workflow.nodes.length > 0 && starts.length === 0) {
    warnings.push({
      code: 'WORKFLOW_NO_TRIGGER',
      message: 'The workflow has no trigger node; runs start from nodes without inputs',
      path: 'nodes',
    });
  }
  workflow.nodes.forEach((node, index) => {
    const definition = byName.get(node.name)?.definition;
    if (seen.has(node.name) || !definition || isAnnotation(definition, node.parameters)) return;
    warnings.push({
      code: 'NODE_UNREACHABLE',
      message: `Node "${node.name}" is not connected to any trigger and will never run`,
      path: `nodes[${index}]`,
      node: node.name,
    });
  });
  for (const cycle of endlessCycles(workflow)) {
    warnings.push({
      code: 'WORKFLOW_ENDLESS_CYCLE',
      message: `Nodes ${cycle.map((name) => `"${name}"`).join(', ')} form a loop that never ends: each passes every item on. Add an IF, Filter or Loop Over Items node to leave the loop`,
      path: 'connections',
      node: cycle[0],
    });
  }
  for (const name of waitsForForm(workflow)) {
    warnings.push({
      code: 'WAIT_FORM_UNAVAILABLE',
      message: `Wait node "${name}" waits for a form submission, but GuixuFlow has no form pages yet: the run waits until its time limit (or for ever). Resume on a webhook call instead`,
      path: `nodes[${workflow.nodes.findIndex((node) => node.name === name)}].parameters.resume`,
      node: name,
    });
  }
  for (const name of Object.keys(workflow.pinData ?? {})) {
    if (!byName.has(name)) {
      warnings.push({
        code: 'PIN_DATA_NODE_UNKNOWN',
        message: `Pinned data for "${name}", which is not a node in this workflow`,
        path: `pinData.${name}`,
      });
    }
  }
  return { workflow, errors, warnings };
}
