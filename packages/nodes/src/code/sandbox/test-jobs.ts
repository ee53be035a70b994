/** Jobs for the sandbox's own tests: one item, fixed constants, no lookups. */
import type { SandboxJob } from './protocol.ts';
import type { SandboxOutcome, SandboxRunOptions } from './sandbox-client.ts';

export function testJob(code: string, timeoutMs = 5_000): SandboxJob {
  return {
    code,
    mode: 'runOnceForAllItems',
    itemsJson: JSON.stringify([{ json: { n: 1 } }]),
    constantsJson: JSON.stringify({
      nodeName: 'Code',
      runIndex: 0,
      workflow: { name: 'w', active: false },
      execution: { id: 'e', mode: 'manual' },
    }),
    continueOnFail: false,
    limits: { memoryMb: 64, timeoutMs },
  };
}

export function testRun(code: string, extra: Partial<SandboxRunOptions> = {}): SandboxRunOptions {
  return {
    job: testJob(code),
    onLog: () => {},
    onLookup: () => ({ ok: false, message: 'no lookups here' }),
    ...extra,
  };
}

/** The value a run returned, or the outcome itself when it failed. */
export function returned(outcome: SandboxOutcome): unknown {
  return outcome.kind === 'result' && 'value' in outcome.result ? outcome.result.value : outcome;
}
