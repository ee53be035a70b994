import { executionDetailSchema } from '@guixu/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../security/testing/identities.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { createWorkflow, ended, startRun } from './hostile-client.ts';

/** `$now.zoneName` and a Date & Time node's output after a Manual Trigger, with or without a workflow time zone. */
function zoneWorkflow(timezone?: string) {
  return {
    name: `Zone ${timezone ?? 'default'}`,
    nodes: [
      {
        id: 's',
        name: 'Start',
        type: 'guixu.manualTrigger',
        typeVersion: 1,
        position: [0, 0],
        parameters: {},
      },
      {
        id: 'z',
        name: 'Zone',
        type: 'guixu.set',
        typeVersion: 1,
        position: [200, 0],
        parameters: {
          mode: 'manual',
          assignments: {
            assignments: [{ id: 'z', name: 'zone', type: 'string', value: '={{ $now.zoneName }}' }],
          },
        },
      },
      {
        id: 'd',
        name: 'Date',
        type: 'guixu.dateTime',
        typeVersion: 1,
        position: [400, 0],
        parameters: {
          operation: 'formatDate',
          date: '2024-01-01T00:00:00Z',
          format: 'custom',
          customFormat: 'HH:mm ZZ',
          options: { includeInputFields: true },
        },
      },
    ],
    connections: {
      Start: { main: [[{ node: 'Zone', type: 'main', index: 0 }]] },
      Zone: { main: [[{ node: 'Date', type: 'main', index: 0 }]] },
    },
    settings: timezone ? { timezone } : {},
  };
}

async function zoneOf(t: TestApp, timezone?: string): Promise<unknown> {
  const id = await startRun(t, await createWorkflow(t, zoneWorkflow(timezone)));
  expect((await ended(t, id)).status).toBe('success');
  const detail = executionDetailSchema.parse(json(await t.app.inject({ url: `/api/v1/executions/${id}` })));
  return detail.runData?.Date?.[0]?.output[0]?.[0]?.json;
}

// Expressions run in execution worker threads: the instance zone must reach them too.
describe('instance time zone (GUIXU_TIMEZONE) in expressions and the Date & Time node', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', {
      env: { GUIXU_EXECUTION_WORKERS: '1', GUIXU_TIMEZONE: 'Asia/Shanghai' },
    });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('is the zone of workflows without settings.timezone; a workflow zone wins', async () => {
    expect(await zoneOf(t)).toEqual({ zone: 'Asia/Shanghai', formattedDate: '08:00 +08:00' });
    expect(await zoneOf(t, 'Europe/Berlin')).toEqual({
      zone: 'Europe/Berlin',
      formattedDate: '01:00 +01:00',
    });
  });
});
