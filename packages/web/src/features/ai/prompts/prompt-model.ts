/** `{{ name }}` placeholders of a text, in order of first use (the server's variable-name rule). */
export function placeholders(...texts: string[]): string[] {
  const names: string[] = [];
  for (const text of texts)
    for (const match of text.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_.-]{0,63})\s*\}\}/g)) {
      const name = match[1] as string;
      if (!names.includes(name)) names.push(name);
    }
  return names;
}

export interface VariableRow {
  name: string;
  description: string;
  default: string;
}

/** The variables a preview asks values for: declared ones first, then placeholders not declared. */
export function previewVariables(declared: readonly VariableRow[], system: string, prompt: string): string[] {
  const names = declared.map((v) => v.name).filter((n) => n.trim() !== '');
  for (const name of placeholders(system, prompt)) if (!names.includes(name)) names.push(name);
  return names;
}
