import { type N8nMapping, record } from '../mapping.ts';

/**
 * n8n's legacy Convert to/from binary data (moveBinaryData v1, v1.1).
 * Binary → JSON becomes Extract from File (JSON, or text when not parsed);
 * JSON → binary becomes Convert to File (JSON, or a field's text).
 */
const mapping: N8nMapping = {
  n8nTypes: ['n8n-nodes-base.moveBinaryData'],
  guixuType: 'guixu.extractFromFile',
  translate: (node) => {
    const p = node.parameters;
    const options = record(p.options);
    const keepBinary = options.keepSource === true;
    if (p.mode === 'jsonToBinary') {
      const fileOptions = {
        ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
        ...(options.mimeType === undefined ? {} : { mimeType: options.mimeType }),
        ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
        ...(options.addBOM === undefined ? {} : { addBOM: options.addBOM }),
      };
      const binaryPropertyName = typeof p.destinationKey === 'string' ? p.destinationKey : 'data';
      if (p.convertAllData === false) {
        return {
          type: 'guixu.convertToFile',
          parameters: {
            operation: 'toText',
            sourceProperty: typeof p.sourceKey === 'string' ? p.sourceKey : 'data',
            binaryPropertyName,
            options: fileOptions,
          },
        };
      }
      return {
        type: 'guixu.convertToFile',
        parameters: { operation: 'toJson', mode: 'each', binaryPropertyName, options: fileOptions },
      };
    }
    // binaryToJson (the default mode)
    const binaryPropertyName = typeof p.sourceKey === 'string' ? p.sourceKey : 'data';
    const textOptions = {
      ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
      ...(options.stripBOM === undefined ? {} : { stripBOM: options.stripBOM }),
    };
    if (options.keepAsBase64 === true) {
      return {
        parameters: {
          operation: 'binaryToPropery',
          binaryPropertyName,
          destinationKey: typeof p.destinationKey === 'string' ? p.destinationKey : 'data',
          options: { keepSource: keepBinary ? 'both' : 'json' },
        },
      };
    }
    if (p.setAllData !== false) {
      // The file's JSON replaces the item's JSON.
      const keep = keepBinary ? { keepSource: 'binary' } : {};
      return {
        parameters: {
          operation: 'fromJson',
          binaryPropertyName,
          destinationKey: '',
          options: { ...textOptions, ...keep },
        },
      };
    }
    return {
      parameters: {
        operation: options.jsonParse === true ? 'fromJson' : 'text',
        binaryPropertyName,
        destinationKey: typeof p.destinationKey === 'string' ? p.destinationKey : 'data',
        options: { ...textOptions, keepSource: keepBinary ? 'both' : 'json' },
      },
    };
  },
};
export default mapping;
