/**
 * Dify variable references → GuixuFlow expressions. A selector is `[nodeId, variable, ...path]`;
 * `sys.*` reads the trigger's chat fields, `conversation.*` the conversation variables node,
 * `env.*` workflow variables (`$vars`).
 */
export interface SelectorTargets {
  /**
   * Dify node id (and variable) → expression of the item JSON that holds that variable,
   * e.g. `$("LLM").first().json`. Each Dify node has one output item, so `first()` is
   * exact and needs no paired-item lineage (which loops make ambiguous).
   */
  source(id: string, variable: string): string | undefined;
  /** Dify output variable → item field, per Dify node id. */
  field(id: string, variable: string): string;
  startName: string;
  conversationName?: string;
}

const SYSTEM_FIELDS: Record<string, string> = {
  query: 'chatInput',
  files: 'files',
  conversation_id: 'sessionId',
  user_id: 'userId',
  dialogue_count: 'dialogueCount',
  app_id: 'appId',
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function access(base: string, path: readonly string[]): string {
  return path.reduce(
    (acc, key) => (IDENTIFIER.test(key) ? `${acc}.${key}` : `${acc}[${JSON.stringify(key)}]`),
    base,
  );
}

export function quote(name: string): string {
  return `$(${JSON.stringify(name)})`;
}

export function selectorExpression(
  selector: unknown,
  targets: SelectorTargets,
  warn: (m: string) => void,
): string {
  if (!Array.isArray(selector) || selector.length < 2) {
    warn(`A variable reference ${JSON.stringify(selector)} is incomplete; it reads nothing.`);
    return 'undefined';
  }
  const [id, variable, ...path] = selector.map(String);
  // Older apps name system variables through the start node: [startId, 'sys.query'].
  if (id !== 'sys' && variable?.startsWith('sys.')) {
    return selectorExpression(['sys', variable.slice(4), ...path], targets, warn);
  }
  if (id === 'sys') {
    if (variable === 'workflow_id') return '$workflow.id';
    if (variable === 'workflow_run_id') return '$execution.id';
    return access(`${quote(targets.startName)}.first().json`, [SYSTEM_FIELDS[variable] ?? variable, ...path]);
  }
  if (id === 'env') return access('$vars', [variable, ...path]);
  if (id === 'conversation') {
    return access(`${quote(targets.conversationName ?? targets.startName)}.first().json`, [
      variable,
      ...path,
    ]);
  }
  const source = targets.source(id, variable);
  if (!source) {
    warn(`A variable reference points at node ${id}, which is not in the app; it reads nothing.`);
    return 'undefined';
  }
  return access(source, [...targets.field(id, variable).split('.'), ...path]);
}

const REFERENCE = /\{\{#([^#{}]+)#\}\}/g;

/** `Hello {{#start.name#}}` → `=Hello {{ $("Start").first().json.name }}`; text without references stays as is. */
export function templateExpression(
  text: string,
  targets: SelectorTargets,
  warn: (m: string) => void,
): string {
  if (!REFERENCE.test(text)) return text;
  REFERENCE.lastIndex = 0;
  const replaced = text.replace(REFERENCE, (_, inner: string) => {
    const expression = selectorExpression(inner.split('.'), targets, warn);
    return `{{ ${expression} }}`;
  });
  return `=${replaced}`;
}
