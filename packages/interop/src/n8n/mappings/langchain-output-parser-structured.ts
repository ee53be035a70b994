import { langchain } from '../langchain-mapping.ts';

/** Structured Output Parser: a JSON example (v1.2 `jsonSchemaExample`) or a JSON Schema (`jsonSchema`, `inputSchema`). */
export default langchain(
  'outputParserStructured',
  'guixu.outputParserStructured',
  (node) => {
    const p = node.parameters;
    const schema = p.inputSchema ?? p.jsonSchema;
    if (p.schemaType === 'manual' || (p.schemaType === undefined && schema !== undefined)) {
      return { schemaType: 'manual', inputSchema: schema ?? '{}' };
    }
    return { schemaType: 'fromJson', jsonSchemaExample: p.jsonSchemaExample ?? '{}' };
  },
  {
    typeVersion: 1.2,
    parameters: ({ schemaType, inputSchema, jsonSchemaExample }) =>
      schemaType === 'manual' ? { schemaType: 'manual', inputSchema } : { jsonSchemaExample },
  },
);
