import { type ConnectionType, isRecord, type NodeRegistry } from '@guixu/core';

/** One Dify node as mappings see it. */
export interface DifyNode {
  id: string;
  type: string;
  title: string;
  data: Record<string, unknown>;
}

export interface DifyContext {
  registry: NodeRegistry;
  mode: 'workflow' | 'advanced-chat';
  /** JavaScript expression reading a Dify variable selector, e.g. `$('LLM').item.json.text`. */
  read(selector: unknown): string;
  /** Dify text with `{{#node.var#}}` references → a GuixuFlow template string (starting with `=` when it has any). */
  template(text: string): string;
  warn(message: string): void;
}

export interface DifyTranslation {
  type: string;
  parameters: Record<string, unknown>;
  /** Credential slots the node needs (the user fills them after import). */
  credentials?: Record<string, string>;
  /** AI sub-nodes the node needs (its chat model), connected to it through their `ai_*` type. */
  subNodes?: DifySubNode[];
}

/** A sub-node a Dify node's inline configuration becomes (Dify keeps the model inside the LLM node). */
export interface DifySubNode {
  /** Appended to the node's name: "Ask" → "Ask Model". */
  title: string;
  type: string;
  parameters: Record<string, unknown>;
  connection: ConnectionType;
  credentials?: Record<string, string>;
}

/** A container (iteration, loop) becomes a Loop Over Items construct around its children. */
export interface DifyContainer {
  container: {
    /** Code (all-items mode) that returns the items to loop over. */
    itemsCode: string;
    /** Selector of the child value collected per round (iteration), if any. */
    collect?: unknown;
  };
}

export interface DifyUnsupported {
  /** The node becomes a placeholder keeping its configuration. */
  unsupported: string;
}

export type DifyResult = DifyTranslation | DifyContainer | DifyUnsupported;

export interface DifyMapping {
  difyTypes: readonly string[];
  translate(node: DifyNode, ctx: DifyContext): DifyResult;
  /** Output index for an edge's `sourceHandle` ('source' is output 0 unless said otherwise). */
  outputIndex?(node: DifyNode, handle: string): number | undefined;
  /** Where a Dify output variable lives in the item JSON (default: the same name). */
  outputField?(variable: string): string;
}

export { isRecord };

export function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? fallback : String(value);
}

/** A mapping for a Dify node GuixuFlow cannot run yet: it is kept as a placeholder. */
export function notYet(
  difyType: string,
  reason: string,
  outputIndex?: DifyMapping['outputIndex'],
): DifyMapping {
  return { difyTypes: [difyType], translate: () => ({ unsupported: reason }), outputIndex };
}

export const AI_NOT_YET =
  'AI nodes are not available in GuixuFlow yet; the node keeps its configuration for when they are';
