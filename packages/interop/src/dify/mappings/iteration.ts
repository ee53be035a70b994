import type { DifyMapping } from '../dify-mapping.ts';

/** An iteration loops over an array: Loop Over Items over one item per element (`item`, `index`). */
const mapping: DifyMapping = {
  difyTypes: ['iteration'],
  translate: (node, ctx) => {
    if (node.data.is_parallel === true) ctx.warn('Parallel iteration runs one element after the other here.');
    return {
      container: {
        itemsCode: [
          `// Elements of the array the Dify iteration "${node.title}" looped over.`,
          `const list = ${ctx.read(node.data.iterator_selector)} ?? [];`,
          'return [].concat(list).map((item, index) => ({ json: { item, index } }));',
        ].join('\n'),
        collect: node.data.output_selector,
      },
    };
  },
};
export default mapping;
