import type { InjectionKey, Ref } from 'vue';

export interface PreviewItem {
  json: Record<string, unknown>;
}

export type PreviewResult = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * What an expression field knows about the run data around its node: the
 * items it receives (for `$json.` completion and the preview) and the other
 * nodes' items (for `$('Node')`). The editor provides it; forms only read it.
 */
export interface ExpressionContext {
  /** False while the interpreter is still loading; previews run again once it is true. */
  ready?: Ref<boolean>;
  inputItems(): PreviewItem[];
  nodeNames(): string[];
  nodeItems(name: string): PreviewItem[];
  /** Evaluates a parameter value (`=…`) for one input item with the engine's interpreter. */
  evaluate(source: string, itemIndex: number): PreviewResult;
}

export const EXPRESSION_CONTEXT: InjectionKey<ExpressionContext> = Symbol('expression-context');
