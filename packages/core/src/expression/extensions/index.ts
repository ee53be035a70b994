/** n8n extension methods, dispatched by the type of the value a method is called on. */
export type Extension = (value: unknown, args: unknown[]) => unknown;

const empty = new Map<string, Extension>();

export function findExtension(_value: unknown, _key: string | number): Extension | undefined {
  return empty.get(String(_key));
}
