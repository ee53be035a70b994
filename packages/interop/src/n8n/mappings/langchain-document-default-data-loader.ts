import { langchain } from '../langchain-mapping.ts';
import { record } from '../mapping.ts';

/**
 * Default Data Loader: JSON (all input data, or the `jsonData` expression) or binary
 * (one field; "all fields" reads `data`); metadata values kept. n8n's "simple" splitting
 * mode becomes the loader's own default splitter (1,000 characters, 200 overlap).
 */
export default langchain(
  'documentDefaultDataLoader',
  'guixu.documentDefaultDataLoader',
  (node, ctx) => {
    const p = node.parameters;
    const options = record(p.options);
    const metadata = (record(options.metadata).metadataValues ?? []) as unknown;
    const pairs = Array.isArray(metadata)
      ? metadata.map((m) => ({
          name: String(record(m).name ?? '').replace(/^=/, ''),
          value: String(record(m).value ?? ''),
        }))
      : [];
    const base = pairs.length > 0 ? { metadata: pairs } : {};
    if (p.dataType === 'binary') {
      if (p.binaryMode !== 'specificField') {
        ctx.warn('"All binary fields" loads the "data" field only; set Binary Property to read another');
      }
      const field = typeof p.binaryDataKey === 'string' && p.binaryDataKey ? p.binaryDataKey : 'data';
      return { dataType: 'binary', binaryProperty: field, ...base };
    }
    const text = p.jsonMode === 'expressionData' && typeof p.jsonData === 'string' ? p.jsonData : '';
    return { dataType: 'json', text, ...base };
  },
  {
    typeVersion: 1,
    parameters: ({ dataType, text, binaryProperty, metadata }) => {
      const options =
        Array.isArray(metadata) && metadata.length > 0 ? { metadata: { metadataValues: metadata } } : {};
      if (dataType === 'binary') {
        return { dataType: 'binary', binaryMode: 'specificField', binaryDataKey: binaryProperty, options };
      }
      return text ? { jsonMode: 'expressionData', jsonData: text, options } : { options };
    },
  },
);
