import { chatModelSubNode } from '../dify-model.ts';
import { type DifyMapping, isRecord, records, text } from '../dify-mapping.ts';

const TYPES: Record<string, string> = {
  string: 'string',
  number: 'number',
  bool: 'boolean',
  boolean: 'boolean',
  select: 'string',
};

/**
 * Parameter Extractor → Information Extractor with the model as a Chat Model
 * sub-node; each parameter is an attribute, read downstream from `output.<name>`.
 */
const mapping: DifyMapping = {
  difyTypes: ['parameter-extractor'],
  translate(node, ctx) {
    if (!isRecord(node.data.model) || !text(node.data.model.name)) {
      return { unsupported: 'the parameter extractor names no model' };
    }
    const attributes = records(node.data.parameters).map((parameter) => {
      const type = text(parameter.type, 'string');
      if (!TYPES[type]) ctx.warn(`Parameter "${text(parameter.name)}" of type ${type} is extracted as text`);
      return {
        name: text(parameter.name),
        type: TYPES[type] ?? 'string',
        description: text(parameter.description),
        required: parameter.required === true,
      };
    });
    const parameters: Record<string, unknown> = {
      text: `={{ ${ctx.read(node.data.query)} }}`,
      schemaType: 'fromAttributes',
      attributes,
    };
    const instruction = text(node.data.instruction);
    if (instruction) parameters.systemPrompt = ctx.template(instruction);
    return {
      type: 'guixu.informationExtractor',
      parameters,
      subNodes: [chatModelSubNode(node.data.model, ctx.warn)],
    };
  },
  outputField: (variable) => `output.${variable}`,
};

export default mapping;
