/**
 * Prompt templates (the server's project library): `{{name}}` placeholders filled
 * from values, then the variable's default, else left empty and reported missing.
 * Plain substitution: a template is text, never an expression or code.
 */
import { GuixuError, type NodeRunContext, p } from '@guixu/core';

export interface PromptTemplateVariable {
  name: string;
  description?: string;
  default?: string;
}

export interface PromptTemplateContent {
  id?: string;
  version: number;
  system: string;
  prompt: string;
  variables: PromptTemplateVariable[];
}

/** The services key a host serves templates under: `{ get(id, version?) }` (the server's project library). */
export const PROMPTS_SERVICE = 'aiPrompts';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]{0,63})\s*\}\}/g;

/** Every `{{name}}` of the texts, in order of first appearance. */
export function placeholdersOf(...texts: string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1] ?? '');
  return [...names];
}

export function renderPromptTemplate(
  template: Pick<PromptTemplateContent, 'system' | 'prompt' | 'variables'>,
  values: Readonly<Record<string, unknown>>,
): { system: string; prompt: string; missing: string[] } {
  const defaults = new Map(template.variables.map((v) => [v.name, v.default]));
  const missing = new Set<string>();
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_all, name: string) => {
      const value = Object.hasOwn(values, name) ? values[name] : defaults.get(name);
      if (value === undefined || value === null) {
        missing.add(name);
        return '';
      }
      return typeof value === 'string' ? value : JSON.stringify(value);
    });
  return { system: fill(template.system), prompt: fill(template.prompt), missing: [...missing] };
}

function isTemplate(value: unknown): value is PromptTemplateContent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.system === 'string' && typeof v.prompt === 'string' && Array.isArray(v.variables);
}

/**
 * A template by id from the host (project-checked there), rendered with the item's
 * fields and the node's values (which win). Throws a clear error without a host.
 */
export async function loadTemplate(
  ctx: Pick<NodeRunContext, 'services'>,
  id: string,
  version: number | undefined,
): Promise<PromptTemplateContent> {
  const service = ctx.services[PROMPTS_SERVICE];
  const get =
    typeof service === 'object' && service !== null ? (service as { get?: unknown }).get : undefined;
  if (typeof get !== 'function') {
    throw new GuixuError('AI_PROMPT_TEMPLATES_UNAVAILABLE', 'Prompt templates need the GuixuFlow server', {
      parameter: 'promptTemplateId',
      description:
        'Runs outside the server (CLI, tests) have no template library: write the prompt in the node.',
    });
  }
  const template: unknown = await get.call(service, id, version);
  if (!isTemplate(template)) {
    throw new GuixuError('AI_PROMPT_TEMPLATE_INVALID', `Prompt template "${id}" could not be read`, {
      parameter: 'promptTemplateId',
    });
  }
  return template;
}

/** The parameters the LLM Chain and the Agent have for using a template of the library. */
export const promptTemplateParams = {
  promptTemplateId: p.string({
    label: 'Prompt Template',
    description:
      'ID of a prompt template of this project (Prompt library). Its system text and prompt replace the ones above when they are not empty.',
  }),
  promptTemplateVersion: p.number({
    label: 'Template Version',
    default: 0,
    min: 0,
    integer: true,
    description: '0 uses the latest version; pin a number to keep a version.',
  }),
  templateValues: p.json({
    label: 'Template Values',
    default: {},
    description:
      'Values of the template’s {{variables}}; a variable not given here takes the input item’s field of the same name, then its default.',
  }),
};

interface TemplateParams {
  promptTemplateId: string;
  promptTemplateVersion: number;
  templateValues: unknown;
}

/**
 * The system text and prompt of one item: from the template when the node names one
 * (values: the item's fields, then the node's Template Values), else the node's own.
 */
export async function templatedPrompt(
  ctx: Pick<NodeRunContext, 'services' | 'items'>,
  params: TemplateParams,
  itemIndex: number,
  own: { system: () => string | undefined; prompt: () => string },
): Promise<{ system: string | undefined; prompt: string; template?: { id: string; version: number } }> {
  const id = params.promptTemplateId.trim();
  if (!id) return { system: own.system(), prompt: own.prompt() };
  const version = params.promptTemplateVersion > 0 ? params.promptTemplateVersion : undefined;
  const template = await loadTemplate(ctx, id, version);
  const given = params.templateValues;
  const values = {
    ...(ctx.items[itemIndex]?.json ?? {}),
    ...(typeof given === 'object' && given !== null && !Array.isArray(given) ? given : {}),
  };
  const rendered = renderPromptTemplate(template, values);
  return {
    system: rendered.system.trim() ? rendered.system : own.system(),
    prompt: rendered.prompt.trim() ? rendered.prompt : own.prompt(),
    template: { id, version: template.version },
  };
}
