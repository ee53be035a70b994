import { type DifyMapping, text } from '../dify-mapping.ts';

/** A chatflow answer becomes an Edit Fields node that sets `answer` to the rendered text. */
const mapping: DifyMapping = {
  difyTypes: ['answer'],
  translate: (node, ctx) => ({
    type: 'guixu.set',
    parameters: {
      mode: 'manual',
      assignments: {
        assignments: [
          {
            id: `${node.id}-answer`,
            name: 'answer',
            value: ctx.template(text(node.data.answer)),
            type: 'string',
          },
        ],
      },
      includeOtherFields: false,
      options: {},
    },
  }),
};
export default mapping;
