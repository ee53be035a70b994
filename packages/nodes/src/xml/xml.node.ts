/** XML, parameters as n8n XML v1: XML text in a field to JSON, or an item's JSON to XML text. */
import { defineNode, GuixuError, type Item, type JsonObject, p } from '@guixu/core';
import { getField } from '../shared/field-paths.ts';
import { checkTextSize } from '../shared/file-limits.ts';
import { mapItems } from '../shared/item-errors.ts';
import { jsonToXml, xmlToJson } from './xml-convert.ts';

const show = (...mode: string[]) => ({ show: { '/mode': mode } });

export default defineNode({
  type: 'guixu.xml',
  version: 1,
  displayName: 'XML',
  description: 'Converts XML text to JSON and JSON to XML.',
  group: 'data',
  icon: 'code',
  defaultName: 'XML',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    'XML to JSON: the XML text in "Property Name" becomes the item\'s JSON (fast-xml-parser, shaped like n8n\'s xml2js output:',
    'attributes merged into the element, text beside attributes under `_`, repeated elements as lists).',
    'JSON to XML: the item\'s JSON becomes XML text in "Property Name" (one top-level key is the root element, else "Root Name").',
    'Malformed XML is a node error with the line and column; DOCTYPE entity declarations are refused.',
  ].join('\n'),
  params: {
    mode: p.options({
      label: 'Mode',
      description: 'From and to what format the data should be converted.',
      options: [
        { value: 'jsonToxml', label: 'JSON to XML', description: 'Converts data from JSON to XML' },
        { value: 'xmlToJson', label: 'XML to JSON', description: 'Converts data from XML to JSON' },
      ],
      default: 'xmlToJson',
    }),
    dataPropertyName: p.string({
      label: 'Property Name',
      description:
        'Name of the property which contains (XML to JSON) or receives (JSON to XML) the XML text.',
      default: 'data',
      required: true,
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        attrkey: p.string({
          label: 'Attribute Key',
          description: 'Prefix that is used to access the attributes.',
          default: '$',
        }),
        charkey: p.string({
          label: 'Character Key',
          description: 'Prefix that is used to access the character content.',
          default: '_',
        }),
        cdata: p.boolean({
          label: 'Cdata',
          description: 'Whether to wrap text nodes in <![CDATA[ ... ]]> when needed.',
          default: false,
          displayOptions: show('jsonToxml'),
        }),
        headless: p.boolean({
          label: 'Headless',
          description: 'Whether to omit the XML header.',
          default: false,
          displayOptions: show('jsonToxml'),
        }),
        rootName: p.string({
          label: 'Root Name',
          description: 'Root element name to be used.',
          default: 'root',
          displayOptions: show('jsonToxml'),
        }),
        explicitArray: p.boolean({
          label: 'Explicit Array',
          description: 'Whether to always put child nodes in an array.',
          default: false,
          displayOptions: show('xmlToJson'),
        }),
        explicitRoot: p.boolean({
          label: 'Explicit Root',
          description: 'Whether to keep the root node in the resulting object.',
          default: true,
          displayOptions: show('xmlToJson'),
        }),
        ignoreAttrs: p.boolean({
          label: 'Ignore Attributes',
          description: 'Whether to ignore all XML attributes.',
          default: false,
          displayOptions: show('xmlToJson'),
        }),
        mergeAttrs: p.boolean({
          label: 'Merge Attributes',
          description: 'Whether to merge attributes and child elements as properties of the parent.',
          default: true,
          displayOptions: show('xmlToJson'),
        }),
        normalize: p.boolean({
          label: 'Normalize',
          description: 'Whether to trim whitespace inside text nodes.',
          default: false,
          displayOptions: show('xmlToJson'),
        }),
        normalizeTags: p.boolean({
          label: 'Normalize Tags',
          description: 'Whether to normalize all tag names to lowercase.',
          default: false,
          displayOptions: show('xmlToJson'),
        }),
        trim: p.boolean({
          label: 'Trim',
          description: 'Whether to trim the whitespace at the beginning and end of text nodes.',
          default: false,
          displayOptions: show('xmlToJson'),
        }),
      },
    }),
  },
  run(ctx) {
    const output = mapItems(ctx, (item, i): Item => {
      const { mode, dataPropertyName, options } = ctx.params(i);
      if (mode === 'jsonToxml') {
        return { json: { [dataPropertyName]: jsonToXml(item.json, options) }, pairedItem: { item: i } };
      }
      const xml = getField(item.json, dataPropertyName);
      if (typeof xml !== 'string') {
        throw new GuixuError(
          'XML_FIELD_MISSING',
          `The item has no XML text in the field "${dataPropertyName}" [item ${i}]`,
          { parameter: 'dataPropertyName', details: { itemIndex: i } },
        );
      }
      checkTextSize(ctx, xml, 'dataPropertyName', i);
      let json: unknown;
      try {
        json = xmlToJson(xml, options);
      } catch (error) {
        throw new GuixuError(
          'XML_INVALID',
          `The XML in "${dataPropertyName}" is not valid: ${error instanceof Error ? error.message : String(error)} [item ${i}]`,
          {
            parameter: 'dataPropertyName',
            details: { itemIndex: i },
            cause: error,
          },
        );
      }
      const value =
        json !== null && typeof json === 'object' && !Array.isArray(json)
          ? (json as JsonObject)
          : { [dataPropertyName]: json as JsonObject[string] };
      return { json: value, pairedItem: { item: i } };
    });
    return [output];
  },
});
