import { langchain } from '../langchain-mapping.ts';
import { record } from '../mapping.ts';

/** Item List Output Parser: number of items and separator. */
export default langchain(
  'outputParserItemList',
  'guixu.outputParserItemList',
  (node) => {
    const options = record(node.parameters.options);
    return {
      options: {
        ...(options.numberOfItems === undefined ? {} : { numberOfItems: options.numberOfItems }),
        ...(options.separator === undefined ? {} : { separator: options.separator }),
      },
    };
  },
  { typeVersion: 1, parameters: ({ options }) => ({ options: record(options) }) },
);
