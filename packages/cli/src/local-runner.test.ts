import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLocalWorkflow } from './local-runner.ts';

const node = (name: string, type: string, parameters: Record<string, unknown> = {}) => ({
  id: name,
  name,
  type,
  typeVersion: 1,
  position: [0, 0],
  parameters,
});

describe('runLocalWorkflow', () => {
  it('cancels (not leaves waiting) a run interrupted while sleeping through a Wait', async () => {
    const controller = new AbortController();
    const { state } = await runLocalWorkflow({
      workflow: {
        name: 'Sleepy',
        nodes: [
          node('Start', 'guixu.manualTrigger'),
          node('Wait', 'guixu.wait', { resume: 'timeInterval', amount: 30, unit: 'seconds' }),
        ],
        connections: { Start: { main: [[{ node: 'Wait', type: 'main', index: 0 }]] } },
      },
      dataDir: mkdtempSync(join(tmpdir(), 'guixu-local-runner-')),
      maxWaitMs: 60_000,
      signal: controller.signal,
      // Ctrl-C as soon as the run starts sleeping through the wait.
      onEvent: (event) => {
        if (event.type === 'executionWaiting') controller.abort(new Error('Interrupted'));
      },
    });
    expect(state.status).toBe('canceled');
  });
});
