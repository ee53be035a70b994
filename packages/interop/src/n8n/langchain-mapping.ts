import {
  type N8nMapping,
  type N8nSourceNode,
  type MappingContext,
  type Translation,
  locatorValue,
  record,
} from './mapping.ts';

/** A mapping for one of n8n's LangChain nodes (`@n8n/n8n-nodes-langchain.*`) onto a GuixuFlow AI node. */
export function langchain(
  n8nType: string,
  guixuType: string,
  translate: (node: N8nSourceNode, ctx: MappingContext) => Record<string, unknown>,
  exportAs: {
    typeVersion: number;
    parameters: (parameters: Record<string, unknown>) => Record<string, unknown>;
  },
): N8nMapping {
  const type = `@n8n/n8n-nodes-langchain.${n8nType}`;
  return {
    n8nTypes: [type],
    guixuType,
    export: {
      type,
      typeVersion: exportAs.typeVersion,
      // A model stored in the resource-locator shape (`{ mode, value }`) exports as its text.
      parameters: (parameters) =>
        exportAs.parameters(
          isResourceValue(parameters.model) ? { ...parameters, model: parameters.model.value } : parameters,
        ),
    },
    translate: (node, ctx): Translation => ({ parameters: translate(node, ctx) }),
  };
}

function isResourceValue(value: unknown): value is { value: unknown } {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    'value' in value &&
    'mode' in value
  );
}

const CHAT_INPUT = '={{ $json.chatInput }}';

/** The prompt back in n8n's shape: the chat input is "auto", anything else is defined text. */
export function promptToN8n(prompt: unknown): Record<string, unknown> {
  return prompt === undefined || prompt === CHAT_INPUT
    ? { promptType: 'auto' }
    : { promptType: 'define', text: prompt };
}

/** GuixuFlow option names back to n8n's (the inverse of `modelOptions`' table). */
export function optionsToN8n(options: unknown, names: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [n8nName, guixuName] of Object.entries(names)) {
    const value = record(options)[guixuName];
    if (value !== undefined) out[n8nName] = value;
  }
  return out;
}

/**
 * n8n's prompt: "auto" reads the chat trigger's `chatInput`, "define" the `text`
 * parameter; versions before the choice existed have `text` (agent) or `prompt` (chain).
 */
export function promptOf(parameters: Record<string, unknown>): string {
  if (parameters.promptType === 'auto') return CHAT_INPUT;
  const written = parameters.text ?? parameters.prompt;
  return typeof written === 'string' && written.trim() !== '' ? written : CHAT_INPUT;
}

/** A model given as a resource locator or a plain string. */
export function modelOf(parameters: Record<string, unknown>, fallback: string): string {
  const value = locatorValue(parameters.model);
  return typeof value === 'string' && value ? value : fallback;
}

/** Only the options GuixuFlow's chat models know; the rest are reported. */
export function modelOptions(
  options: unknown,
  names: Record<string, string>,
  ctx: MappingContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record(options))) {
    const target = names[key];
    if (target) out[target] = value;
    else ctx.warn(`Model option "${key}" has no GuixuFlow equivalent and was left out`);
  }
  return out;
}

/**
 * n8n's "Require Specific Output Format": a connected Output Parser applies only when
 * it is on (off by default in n8n, on by default here, so always written).
 */
export function outputParserFlag(parameters: Record<string, unknown>): { hasOutputParser: boolean } {
  return { hasOutputParser: parameters.hasOutputParser === true };
}

/** The flag back to n8n: on only when it was on. */
export function outputParserToN8n(hasOutputParser: unknown): Record<string, unknown> {
  return hasOutputParser === true ? { hasOutputParser: true } : {};
}
