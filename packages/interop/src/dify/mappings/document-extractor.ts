import { type DifyMapping, text } from '../dify-mapping.ts';

/**
 * Dify's document extractor becomes Extract from File's "document text": the
 * text of a PDF, HTML, JSON, CSV, XLSX, Markdown or text file, by its type, in
 * `text`. The file is read from the binary property named like the Dify
 * variable (`files`, or the start node's file input) on the item reaching the node.
 */
const mapping: DifyMapping = {
  difyTypes: ['document-extractor'],
  translate: (node, ctx) => {
    const selector = Array.isArray(node.data.variable_selector) ? node.data.variable_selector : [];
    const variable = text(selector[selector.length - 1], 'files') || 'files';
    ctx.warn(
      `The file is read from the binary property "${variable}" of the item reaching this node: start the workflow with the file there (Word files are not read yet).`,
    );
    if (node.data.is_array_file === true) {
      ctx.warn(
        'Dify gives a list of texts for a list of files; here each file gives one item with its `text` (one file per run is read).',
      );
    }
    return {
      type: 'guixu.extractFromFile',
      parameters: {
        operation: 'document',
        binaryPropertyName: variable,
        destinationKey: 'text',
        options: {},
      },
    };
  },
};
export default mapping;
