import type { Workflow } from '../packages/core/src/workflow/schema.ts';

const node = (name: string, type: string, parameters: Record<string, unknown>, x: number) => ({
  id: name,
  name,
  type,
  typeVersion: 1,
  position: [x, 0] as [number, number],
  parameters,
});
const link = (to: string) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });

/** Manual Trigger → Set (two expressions) → Filter (even n) → Aggregate (the doubled values). */
export function memoryWorkflow(): Workflow {
  return {
    name: 'memory',
    nodes: [
      node('Start', 'guixu.manualTrigger', {}, 0),
      node(
        'Set',
        'guixu.set',
        {
          assignments: {
            assignments: [
              { id: 'a', name: 'double', value: '={{ $json.n * 2 }}', type: 'number' },
              { id: 'b', name: 'label', value: '=item {{ $json.n }}', type: 'string' },
            ],
          },
          includeOtherFields: true,
        },
        200,
      ),
      node(
        'Filter',
        'guixu.filter',
        {
          conditions: {
            options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
            conditions: [
              {
                id: 'c',
                leftValue: '={{ $json.n % 2 }}',
                rightValue: 0,
                operator: { type: 'number', operation: 'equals' },
              },
            ],
            combinator: 'and',
          },
        },
        400,
      ),
      node(
        'Aggregate',
        'guixu.aggregate',
        {
          aggregate: 'aggregateIndividualFields',
          fieldsToAggregate: { fieldToAggregate: [{ fieldToAggregate: 'double' }] },
        },
        600,
      ),
    ],
    connections: { Start: link('Set'), Set: link('Filter'), Filter: link('Aggregate') },
    settings: {},
  };
}
