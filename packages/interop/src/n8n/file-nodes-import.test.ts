import { randomUUID } from 'node:crypto';
import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { importN8n } from './import-n8n.ts';
import { importOne } from './mapping-test-kit.ts';

/** n8n's file and format nodes, and the legacy nodes they replaced, import onto GuixuFlow's. */
const registry = await builtinNodes();

const one = (type: string, typeVersion: number, parameters: Record<string, unknown>) =>
  importOne(registry, { type: `n8n-nodes-base.${type}`, typeVersion, parameters });

describe('n8n file and format node mappings', () => {
  it('the current nodes keep their parameters', () => {
    for (const [type, version, guixu] of [
      ['readWriteFile', 1, 'guixu.readWriteFile'],
      ['extractFromFile', 1, 'guixu.extractFromFile'],
      ['convertToFile', 1.1, 'guixu.convertToFile'],
      ['xml', 1, 'guixu.xml'],
      ['markdown', 1, 'guixu.markdown'],
      ['compression', 1.1, 'guixu.compression'],
      ['html', 1.2, 'guixu.html'],
    ] as const) {
      const { node, report } = one(type, version, { options: {} });
      expect([type, node.type, report.status]).toEqual([type, guixu, 'mapped']);
    }
    const pdf = one('extractFromFile', 1, {
      operation: 'pdf',
      options: { password: 'x' },
      binaryPropertyName: 'attachment_0',
    });
    expect(pdf.node.parameters).toEqual({
      operation: 'pdf',
      options: { password: 'x' },
      binaryPropertyName: 'attachment_0',
    });
  });

  it('formats GuixuFlow does not read or write become placeholders that say so', () => {
    const xls = one('extractFromFile', 1, { operation: 'xls', options: {} });
    expect(xls.report.status).toBe('placeholder');
    expect(JSON.stringify(xls.report)).toContain('does not read XLS (Excel 97–2003) files yet');
    expect(one('extractFromFile', 1, { operation: 'ods', options: {} }).report.status).toBe('mapped');
    expect(one('convertToFile', 1.1, { operation: 'rtf' }).report.status).toBe('placeholder');
  });

  it('legacy Read/Write Binary File(s) become Read/Write Files, warning about absolute paths', () => {
    const read = one('readBinaryFile', 1, { filePath: '/home/me/data.csv', dataPropertyName: 'csv' });
    expect(read.node.type).toBe('guixu.readWriteFile');
    expect(read.node.parameters).toEqual({
      operation: 'read',
      fileSelector: '/home/me/data.csv',
      options: { dataPropertyName: 'csv' },
    });
    expect(JSON.stringify(read.report)).toContain('GUIXU_FILES_DIR');
    expect(one('readBinaryFiles', 1, { fileSelector: 'in/*.json' }).node.parameters).toEqual({
      operation: 'read',
      fileSelector: 'in/*.json',
      options: {},
    });
    expect(
      one('writeBinaryFile', 1, { fileName: 'out.json', options: { append: true } }).node.parameters,
    ).toEqual({
      operation: 'write',
      fileName: 'out.json',
      dataPropertyName: 'data',
      options: { append: true },
    });
  });

  it('HTML: templates get the expression marker; HTML Extract trims its values (as n8n 2.8.4 does)', () => {
    const template = one('html', 1.2, { html: '<b>{{ $json.name }}</b>' });
    expect(template.node.parameters.html).toBe('=<b>{{ $json.name }}</b>');
    const extract = one('htmlExtract', 1, {
      dataPropertyName: 'events',
      extractionValues: { values: [{ key: 'date', cssSelector: 'time' }] },
      options: {},
    });
    expect(extract.node.type).toBe('guixu.html');
    expect(extract.node.parameters).toMatchObject({
      operation: 'extractHtmlContent',
      dataPropertyName: 'events',
      options: { trimValues: true, cleanUpText: false },
    });
  });

  it('Spreadsheet File and Convert to/from binary data map onto Extract from File and Convert to File', () => {
    expect(
      one('spreadsheetFile', 1, { options: { headerRow: true }, binaryPropertyName: 'csv' }).node,
    ).toMatchObject({
      type: 'guixu.extractFromFile',
      parameters: { operation: 'xlsx', binaryPropertyName: 'csv', options: { headerRow: true } },
    });
    expect(
      one('spreadsheetFile', 2, { operation: 'toFile', fileFormat: 'csv', options: { fileName: 'x.csv' } })
        .node,
    ).toMatchObject({
      type: 'guixu.convertToFile',
      parameters: { operation: 'csv', options: { fileName: 'x.csv' } },
    });
    expect(one('moveBinaryData', 1, { mode: 'jsonToBinary', options: {} }).node).toMatchObject({
      type: 'guixu.convertToFile',
      parameters: { operation: 'toJson', mode: 'each' },
    });
    expect(one('moveBinaryData', 1, { options: {} }).node).toMatchObject({
      type: 'guixu.extractFromFile',
      parameters: { operation: 'fromJson', destinationKey: '' },
    });
  });

  it('an imported workflow of legacy nodes runs: JSON → CSV file → rows → XML', async () => {
    const source = {
      nodes: [
        {
          id: '1',
          name: 'Start',
          type: 'n8n-nodes-base.manualTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
        {
          id: '2',
          name: 'CSV text',
          type: 'n8n-nodes-base.set',
          typeVersion: 3.4,
          position: [200, 0],
          parameters: {
            assignments: {
              assignments: [{ id: 'a', name: 'csv', value: 'name,qty\nApple,3\nPear,5', type: 'string' }],
            },
            options: {},
          },
        },
        {
          id: '3',
          name: 'To binary',
          type: 'n8n-nodes-base.moveBinaryData',
          typeVersion: 1,
          position: [400, 0],
          parameters: {
            mode: 'jsonToBinary',
            convertAllData: false,
            sourceKey: 'csv',
            options: { fileName: 'f.csv', useRawData: true },
          },
        },
        {
          id: '4',
          name: 'Read sheet',
          type: 'n8n-nodes-base.spreadsheetFile',
          typeVersion: 2,
          position: [600, 0],
          parameters: { options: {} },
        },
        {
          id: '5',
          name: 'XML',
          type: 'n8n-nodes-base.xml',
          typeVersion: 1,
          position: [800, 0],
          parameters: { mode: 'jsonToxml', options: { headless: true } },
        },
      ],
      connections: {
        Start: { main: [[{ node: 'CSV text', type: 'main', index: 0 }]] },
        'CSV text': { main: [[{ node: 'To binary', type: 'main', index: 0 }]] },
        'To binary': { main: [[{ node: 'Read sheet', type: 'main', index: 0 }]] },
        'Read sheet': { main: [[{ node: 'XML', type: 'main', index: 0 }]] },
      },
    };
    const { workflow, report } = importN8n(source, { registry, fileName: 'legacy.json' });
    expect(report.nodes.map((n) => n.status)).toEqual(['mapped', 'mapped', 'mapped', 'mapped', 'mapped']);
    const engine = createEngine({
      registry,
      services: { binary: new MemoryBinaryStore(), clock: systemClock },
    });
    const state = await engine.run(
      workflow,
      engine.start(workflow, { executionId: randomUUID(), mode: 'manual' }),
    );
    expect(state.error).toBeUndefined();
    expect(state.runData['Read sheet']?.[0]?.data?.main[0]?.map((i) => i.json)).toEqual([
      { name: 'Apple', qty: '3' },
      { name: 'Pear', qty: '5' },
    ]);
    expect(state.runData.XML?.[0]?.data?.main[0]?.map((i) => i.json)).toEqual([
      { data: '<root>\n  <name>Apple</name>\n  <qty>3</qty>\n</root>' },
      { data: '<root>\n  <name>Pear</name>\n  <qty>5</qty>\n</root>' },
    ]);
  });
});
