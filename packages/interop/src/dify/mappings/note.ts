import { type DifyMapping, isRecord, text } from '../dify-mapping.ts';

/** Dify stores notes as Lexical editor state; the plain text of its paragraphs is kept. */
function plainText(value: unknown): string {
  if (!isRecord(value)) return '';
  if (typeof value.text === 'string') return value.text;
  if (!Array.isArray(value.children)) return '';
  const parts = value.children.map(plainText);
  return value.type === 'root' ? parts.join('\n') : parts.join('');
}

const mapping: DifyMapping = {
  difyTypes: ['', 'custom-note', 'note'],
  translate: (node) => {
    let content = text(node.data.text);
    try {
      const state: unknown = JSON.parse(content);
      if (isRecord(state)) content = plainText(state.root);
    } catch {
      // Older notes are plain text already.
    }
    const author = text(node.data.author);
    return {
      type: 'guixu.stickyNote',
      parameters: {
        content: author ? `${content}\n\n— ${author}` : content,
        width: typeof node.data.width === 'number' ? node.data.width : 240,
        height: typeof node.data.height === 'number' ? node.data.height : 160,
        color: 1,
      },
    };
  },
};
export default mapping;
