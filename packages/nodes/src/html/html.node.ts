/**
 * HTML, parameters as n8n HTML v1.2: generate from a template, extract by CSS
 * selector (cheerio), convert items to a table. The legacy HTML Extract node
 * imports as "Extract HTML Content".
 */
import { defineNode, GuixuError, type Item, p } from '@guixu/core';
import { binaryProperty } from '../shared/binary-property.ts';
import { getField } from '../shared/field-paths.ts';
import { checkTextSize, readLimited } from '../shared/file-limits.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import { extractContent } from './extract-content.ts';
import { htmlTable } from './html-table.ts';

const show = (...operation: string[]) => ({ show: { operation } });

export default defineNode({
  type: 'guixu.html',
  version: 1,
  displayName: 'HTML',
  description:
    'Generates HTML from a template, extracts content from HTML by CSS selector, or builds an HTML table.',
  group: 'data',
  icon: 'code',
  defaultName: 'HTML',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    'Generate HTML Template: the template (expressions allowed) is output as `html` per item.',
    'Extract HTML Content: from a JSON field or a binary file, each "Extraction Value" picks elements by CSS selector',
    '(cheerio) and returns their text, inner HTML, an attribute or a form value, the first match or all of them.',
    'Convert to HTML Table: all items become one `table` (a column per field).',
  ].join('\n'),
  params: {
    operation: p.options({
      label: 'Operation',
      options: [
        { value: 'generateHtmlTemplate', label: 'Generate HTML Template' },
        { value: 'extractHtmlContent', label: 'Extract HTML Content' },
        { value: 'convertToHtmlTable', label: 'Convert to HTML Table' },
      ],
      default: 'generateHtmlTemplate',
    }),
    html: p.string({
      label: 'HTML Template',
      description: 'HTML template to render; expressions like {{ $json.name }} are resolved.',
      rows: 10,
      default: '',
      displayOptions: show('generateHtmlTemplate'),
    }),
    sourceData: p.options({
      label: 'Source Data',
      description: 'If HTML should be read from binary or JSON data.',
      options: [
        { value: 'binary', label: 'Binary' },
        { value: 'json', label: 'JSON' },
      ],
      default: 'json',
      displayOptions: show('extractHtmlContent'),
    }),
    dataPropertyName: p.string({
      label: 'Input Field',
      description:
        'Name of the JSON field (or binary property) in which the HTML to extract the data from can be found.',
      default: 'data',
      required: true,
      displayOptions: show('extractHtmlContent'),
    }),
    extractionValues: p.object({
      label: 'Extraction Values',
      displayOptions: show('extractHtmlContent'),
      fields: {
        values: p.list({
          label: 'Values',
          addLabel: 'Add Value',
          fields: {
            key: p.string({
              label: 'Key',
              description: 'The key under which the extracted value should be saved.',
            }),
            cssSelector: p.string({
              label: 'CSS Selector',
              description: 'The CSS selector to use.',
              placeholder: '.price',
            }),
            returnValue: p.options({
              label: 'Return Value',
              options: [
                {
                  value: 'attribute',
                  label: 'Attribute',
                  description: 'Get an attribute value like "class" from an element',
                },
                { value: 'html', label: 'HTML', description: 'Get the HTML the element contains' },
                { value: 'text', label: 'Text', description: 'Get only the text content of the element' },
                { value: 'value', label: 'Value', description: 'Get value of an input, select or textarea' },
              ],
              default: 'text',
            }),
            attribute: p.string({
              label: 'Attribute',
              description: 'The name of the attribute to return the value off.',
              placeholder: 'class',
              displayOptions: { show: { returnValue: ['attribute'] } },
            }),
            skipSelectors: p.string({
              label: 'Skip Selectors',
              description: 'Comma-separated selectors of elements to leave out of the text.',
              displayOptions: { show: { returnValue: ['text'] } },
            }),
            returnArray: p.boolean({
              label: 'Return Array',
              description: 'Whether to return the values of all matches as a list (else the first one).',
              default: false,
            }),
          },
        }),
      },
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        trimValues: p.boolean({
          label: 'Trim Values',
          description: 'Whether to remove leading and trailing whitespace.',
          default: true,
          displayOptions: { show: { '/operation': ['extractHtmlContent'] } },
        }),
        cleanUpText: p.boolean({
          label: 'Clean Up Text',
          description: 'Whether to collapse whitespace and drop scripts and styles from text.',
          default: true,
          displayOptions: { show: { '/operation': ['extractHtmlContent'] } },
        }),
        capitalize: p.boolean({
          label: 'Capitalize Headers',
          default: false,
          displayOptions: { show: { '/operation': ['convertToHtmlTable'] } },
        }),
        customStyling: p.boolean({
          label: 'Custom Styling',
          description: 'Whether to leave out the default table style.',
          default: false,
          displayOptions: { show: { '/operation': ['convertToHtmlTable'] } },
        }),
        caption: p.string({
          label: 'Caption',
          displayOptions: { show: { '/operation': ['convertToHtmlTable'] } },
        }),
        tableAttributes: p.string({
          label: 'Table Attributes',
          placeholder: 'class="report"',
          displayOptions: { show: { '/operation': ['convertToHtmlTable'] } },
        }),
        headerAttributes: p.string({
          label: 'Header Attributes',
          displayOptions: { show: { '/operation': ['convertToHtmlTable'] } },
        }),
        rowAttributes: p.string({
          label: 'Row Attributes',
          displayOptions: { show: { '/operation': ['convertToHtmlTable'] } },
        }),
        cellAttributes: p.string({
          label: 'Cell Attributes',
          displayOptions: { show: { '/operation': ['convertToHtmlTable'] } },
        }),
      },
    }),
  },
  async run(ctx) {
    if (ctx.items.length === 0) return [[]];
    const first = ctx.params(0);
    if (first.operation === 'convertToHtmlTable') {
      const table = htmlTable(
        ctx.items.map((item) => item.json),
        first.options,
        (index) => {
          const { options } = ctx.params(index);
          return { rowAttributes: options.rowAttributes ?? '', cellAttributes: options.cellAttributes ?? '' };
        },
      );
      return [[{ json: { table }, pairedItem: ctx.items.map((_, item) => ({ item })) }]];
    }
    const output = await mapItemsAsync(ctx, async (item, i): Promise<Item[]> => {
      const params = ctx.params(i);
      if (params.operation === 'generateHtmlTemplate') {
        checkTextSize(ctx, params.html, 'html', i);
        return [{ json: { html: params.html }, pairedItem: { item: i } }];
      }
      // A JSON field may hold one HTML text or a list of them: one output item each (as in n8n).
      let pages: string[];
      if (params.sourceData === 'binary') {
        const ref = binaryProperty(item, params.dataPropertyName, i, 'dataPropertyName');
        pages = [new TextDecoder().decode(await readLimited(ctx, ref, i, 'dataPropertyName'))];
      } else {
        const value = getField(item.json, params.dataPropertyName);
        if (value === undefined || value === null) {
          throw new GuixuError(
            'HTML_FIELD_MISSING',
            `The item has no field "${params.dataPropertyName}" to read HTML from [item ${i}]`,
            {
              parameter: 'dataPropertyName',
              details: { itemIndex: i },
            },
          );
        }
        pages = (Array.isArray(value) ? value : [value]).map((page) =>
          typeof page === 'string' ? page : String(page),
        );
        for (const page of pages) checkTextSize(ctx, page, 'dataPropertyName', i);
      }
      const entries = params.extractionValues.values.map((entry) => ({
        ...entry,
        attribute: entry.attribute,
        skipSelectors: entry.skipSelectors,
      }));
      let results: ReturnType<typeof extractContent>[];
      try {
        results = pages.map((page) => extractContent(page, entries, params.options));
      } catch (error) {
        throw new GuixuError(
          'HTML_SELECTOR_INVALID',
          `${error instanceof Error ? error.message : String(error)} [item ${i}]`,
          {
            parameter: 'extractionValues',
            details: { itemIndex: i },
            cause: error,
            description: 'Check the CSS selectors of the extraction values.',
          },
        );
      }
      return results.map((json) => ({ json, pairedItem: { item: i } }));
    });
    return [output];
  },
});
