import type { Workflow, WorkflowNode } from '@guixu/core';

/** Small workflows the runner, executions and push tests share. */

const node = (name: string, type: string, parameters: Record<string, unknown>, x = 0): WorkflowNode => ({
  id: `n-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
  name,
  type,
  typeVersion: 1,
  position: [x, 0],
  parameters,
});

const chain = (names: string[]) =>
  Object.fromEntries(
    names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
  );

const setNode = (name: string, field: string, value: string, x: number) =>
  node(
    name,
    'guixu.set',
    {
      mode: 'manual',
      includeOtherFields: true,
      assignments: { assignments: [{ id: field, name: field, type: 'string', value }] },
    },
    x,
  );

/** Manual Trigger → Set (`greeting`). */
export function manualSetWorkflow(name = 'Manual to Set'): Workflow {
  return {
    name,
    nodes: [
      node('Start', 'guixu.manualTrigger', {}),
      setNode('Set', 'greeting', '=Hello {{ $json.name ?? "world" }}', 200),
    ],
    connections: chain(['Start', 'Set']),
    settings: {},
  };
}

/** Manual Trigger → Fail (Stop and Error). */
export function failingWorkflow(name = 'Fails'): Workflow {
  return {
    name,
    nodes: [
      node('Start', 'guixu.manualTrigger', {}),
      node('Fail', 'guixu.stopAndError', { errorType: 'errorMessage', errorMessage: 'boom' }, 200),
    ],
    connections: chain(['Start', 'Fail']),
    settings: {},
  };
}

/**
 * Manual Trigger → Step 1 … Step n, each a Code node that sleeps `delayMs`
 * and appends its name to `$json.ran`: what ran, and how often, is visible in
 * the output and in the run data.
 */
export function slowWorkflow(steps: number, delayMs: number, name = 'Slow'): Workflow {
  const names = ['Start', ...Array.from({ length: steps }, (_, i) => `Step ${i + 1}`)];
  const code = (step: string) =>
    `await new Promise((r) => setTimeout(r, ${delayMs}));\nreturn $input.all().map((item) => ({ json: { ...item.json, ran: [...(item.json.ran ?? []), ${JSON.stringify(step)}] } }));`;
  return {
    name,
    nodes: names.map((n, i) =>
      i === 0
        ? node(n, 'guixu.manualTrigger', {})
        : node(
            n,
            'guixu.code',
            { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: code(n) },
            i * 200,
          ),
    ),
    connections: chain(names),
    settings: {},
  };
}

/** Manual Trigger → Wait (time or webhook) → After (Set). */
export function waitWorkflow(wait: { seconds: number } | { webhook: true }, name = 'Waits'): Workflow {
  const parameters =
    'seconds' in wait
      ? { resume: 'timeInterval', amount: wait.seconds, unit: 'seconds' }
      : { resume: 'webhook', httpMethod: 'POST', responseMode: 'onReceived' };
  return {
    name,
    nodes: [
      node('Start', 'guixu.manualTrigger', {}),
      node('Wait', 'guixu.wait', parameters, 200),
      setNode('After', 'resumed', '=yes', 400),
    ],
    connections: chain(['Start', 'Wait', 'After']),
    settings: {},
  };
}
