/** A tool name providers accept (`^[a-zA-Z0-9_-]{1,64}$`), from the parameter or the node name. */
export function toolNameOf(name: string | undefined, nodeName: string): string {
  const base = (name?.trim() || nodeName).replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return (base || 'tool').slice(0, 64);
}
