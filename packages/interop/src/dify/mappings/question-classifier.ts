import { chatModelSubNode } from '../dify-model.ts';
import { type DifyMapping, isRecord, records, text } from '../dify-mapping.ts';

/**
 * Question Classifier → Text Classifier with the model as a Chat Model sub-node.
 * Each class is an output (its id is the edge handle), in the order the classes are listed.
 */
const mapping: DifyMapping = {
  difyTypes: ['question-classifier'],
  translate(node, ctx) {
    if (!isRecord(node.data.model) || !text(node.data.model.name)) {
      return { unsupported: 'the question classifier names no model' };
    }
    const classes = records(node.data.classes);
    const instruction = text(node.data.instruction);
    const parameters: Record<string, unknown> = {
      inputText: `={{ ${ctx.read(node.data.query_variable_selector)} }}`,
      categories: classes.map((c) => ({ category: text(c.name), description: '' })),
    };
    if (instruction) {
      parameters.systemPrompt = `${ctx.template(instruction).replace(/^=/, '')}\nClassify the text into one of the following categories`;
    }
    ctx.warn('Dify’s class_name output is not set: the item goes to the output of its class instead');
    return {
      type: 'guixu.textClassifier',
      parameters,
      subNodes: [chatModelSubNode(node.data.model, ctx.warn)],
    };
  },
  outputIndex(node, handle) {
    const index = records(node.data.classes).findIndex((c) => text(c.id) === handle);
    return index >= 0 ? index : undefined;
  },
};

export default mapping;
