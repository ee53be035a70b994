import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import type { ExpressionContext } from './context.ts';

const VARIABLES: { label: string; detail: string }[] = [
  { label: '$json', detail: 'the current item' },
  { label: '$input', detail: '.item .all() .first() .last()' },
  { label: "$('", detail: 'another node: $("Node").item.json' },
  { label: '$binary', detail: 'binary data of the item' },
  { label: '$now', detail: 'DateTime' },
  { label: '$today', detail: 'DateTime at midnight' },
  { label: '$itemIndex', detail: 'number' },
  { label: '$runIndex', detail: 'number' },
  { label: '$workflow', detail: 'id, name, active' },
  { label: '$execution', detail: 'id, mode, resumeUrl' },
  { label: '$vars', detail: 'variables' },
  { label: '$prevNode', detail: 'name, outputIndex' },
  { label: '$if', detail: '$if(condition, then, else)' },
  { label: '$ifEmpty', detail: '$ifEmpty(value, fallback)' },
  { label: '$jmespath', detail: '$jmespath(object, query)' },
];

/** The expression language's most used functions per value type (n8n's extensions and the natives). */
const FUNCTIONS: Record<string, string[]> = {
  string: [
    'toUpperCase()',
    'toLowerCase()',
    'trim()',
    'split()',
    'replace()',
    'includes()',
    'startsWith()',
    'endsWith()',
    'slice()',
    'length',
    'isEmpty()',
    'extractEmail()',
    'extractUrl()',
    'toNumber()',
    'toDateTime()',
    'toTitleCase()',
    'hash()',
    'base64Encode()',
    'urlEncode()',
  ],
  number: [
    'toFixed()',
    'round()',
    'floor()',
    'ceil()',
    'abs()',
    'isEven()',
    'isOdd()',
    'format()',
    'toString()',
  ],
  array: [
    'length',
    'first()',
    'last()',
    'map()',
    'filter()',
    'find()',
    'join()',
    'includes()',
    'sum()',
    'average()',
    'max()',
    'min()',
    'unique()',
    'pluck()',
    'isEmpty()',
    'chunk()',
    'compact()',
  ],
  object: ['keys()', 'values()', 'isEmpty()', 'hasField()', 'removeField()', 'toJsonString()'],
  boolean: ['toNumber()', 'toString()'],
};

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

function walk(base: unknown, path: string): unknown {
  let value = base;
  for (const part of path.match(/[\w$]+|\[\d+\]/g) ?? []) {
    if (value === null || typeof value !== 'object') return undefined;
    const key = part.startsWith('[') ? Number(part.slice(1, -1)) : part;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function fieldOptions(value: unknown): Completion[] {
  const out: Completion[] = [];
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) {
      const label = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `['${key.replaceAll("'", "\\'")}']`;
      out.push({ label, type: 'property', detail: typeName(v), boost: 10 });
    }
  }
  for (const fn of FUNCTIONS[typeName(value)] ?? [])
    out.push({ label: fn, type: fn.endsWith(')') ? 'method' : 'property', boost: 0 });
  return out;
}

/** `$json.`, `$('Node').item.json.`, `$input.first().json.` paths, completed from real items. */
const PATH =
  /(\$json|\$input\.(?:item|first\(\)|last\(\))\.json|\$\((['"])(.+?)\2\)\.(?:item|first\(\)|last\(\))\.json)((?:\.[\w$]+|\[\d+\])*)\.([\w$]*)$/;

export function expressionCompletions(context: () => ExpressionContext | undefined) {
  return (cm: CompletionContext): CompletionResult | null => {
    const ctx = context();
    const line = cm.state.doc.lineAt(cm.pos);
    const before = line.text.slice(0, cm.pos - line.from);
    const path = PATH.exec(before);
    if (path) {
      const [, root = '', , nodeName, rest = '', word = ''] = path;
      const items = nodeName !== undefined ? (ctx?.nodeItems(nodeName) ?? []) : (ctx?.inputItems() ?? []);
      const base =
        root === '$json' || root.startsWith('$input') || nodeName !== undefined ? items[0]?.json : undefined;
      const options = fieldOptions(walk(base, rest));
      return { from: cm.pos - word.length, options, validFor: /^[\w$]*$/ };
    }
    const node = /\$\((['"])([^'"]*)$/.exec(before);
    if (node) {
      const quote = node[1] ?? "'";
      const typed = node[2] ?? '';
      return {
        from: cm.pos - typed.length,
        options: (ctx?.nodeNames() ?? []).map((name) => ({
          label: name,
          apply: `${name}${quote}).item.json.`,
          type: 'variable',
        })),
      };
    }
    const variable = /\$[\w]*$/.exec(before);
    if (variable) {
      return {
        from: cm.pos - variable[0].length,
        options: VARIABLES.map((v) => ({ ...v, type: 'variable' })),
      };
    }
    return null;
  };
}
