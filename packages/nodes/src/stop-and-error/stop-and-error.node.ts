import { defineNode, type JsonObject, NodeOperationError, p } from '@guixu/core';

/** Mirrors n8n's Stop and Error v1. */
export default defineNode({
  type: 'guixu.stopAndError',
  version: 1,
  displayName: 'Stop and Error',
  description: 'Stops the workflow with an error you define (the error workflow, if any, then runs).',
  group: 'flow',
  icon: 'octagon-x',
  defaultName: 'Stop and Error',
  inputs: ['main'],
  outputs: ['main'],
  params: {
    errorType: p.options({
      label: 'Error type',
      default: 'errorMessage',
      noExpression: true,
      options: [
        { value: 'errorMessage', label: 'Error message' },
        {
          value: 'errorObject',
          label: 'Error object',
          description: 'A JSON object with message, description, …',
        },
      ],
    }),
    errorMessage: p.string({
      label: 'Error message',
      required: true,
      displayOptions: { show: { errorType: ['errorMessage'] } },
    }),
    errorObject: p.json({
      label: 'Error object',
      description: 'JSON with at least "message"; other fields are kept as error details',
      default: { code: '404', message: 'Not found' },
      displayOptions: { show: { errorType: ['errorObject'] } },
    }),
  },
  docs: `Fails the run on purpose with your message (error code \`STOPPED_BY_WORKFLOW\`), for example after a check that found bad data. Parameters are read from the first item.

With "Error object", \`message\` becomes the error message, \`description\` its description and every field is kept in the error's details.

When the node's error setting is "continue", it passes its input through instead (as n8n does).`,
  run(ctx) {
    if (ctx.continueOnFail())
      return [ctx.items.map((item, index) => ({ ...item, pairedItem: { item: index } }))];
    const params = ctx.params(0);
    if (params.errorType === 'errorMessage') {
      throw new NodeOperationError(
        ctx.node.name,
        params.errorMessage || 'Workflow stopped by Stop and Error',
        {
          details: { code: 'STOPPED_BY_WORKFLOW' },
        },
      );
    }
    const object = params.errorObject;
    if (object === null || typeof object !== 'object' || Array.isArray(object)) {
      throw new NodeOperationError(ctx.node.name, `Error: ${JSON.stringify(object)}`, {
        details: { code: 'STOPPED_BY_WORKFLOW', value: object ?? null },
      });
    }
    const fields: JsonObject = JSON.parse(JSON.stringify(object));
    const message =
      typeof fields.message === 'string' && fields.message ? fields.message : JSON.stringify(fields);
    throw new NodeOperationError(ctx.node.name, message, {
      description: typeof fields.description === 'string' ? fields.description : undefined,
      details: { ...fields, code: 'STOPPED_BY_WORKFLOW', errorCode: fields.code ?? null },
    });
  },
});
