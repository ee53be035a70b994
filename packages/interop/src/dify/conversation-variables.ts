import { randomUUID } from 'node:crypto';
import type { WorkflowNode } from '@guixu/core';
import { type DifyBuild, latest } from './dify-build.ts';
import { text } from './dify-mapping.ts';
import { positionOf } from './dify-nodes.ts';

function assignmentType(valueType: string): 'array' | 'number' | 'object' | 'string' {
  if (valueType.startsWith('array')) return 'array';
  if (valueType === 'number' || valueType === 'object') return valueType;
  return 'string';
}

/** Conversation variables: one Edit Fields node after the trigger holding their initial values. */
export function conversationVariablesNode(build: DifyBuild, name: string): WorkflowNode {
  const { startNode } = build.placement;
  const [x, y] = startNode ? positionOf(startNode) : [0, 0];
  build.warnings.push(
    'Conversation variables start from their default values in every run; GuixuFlow does not keep them between conversation turns yet.',
  );
  return {
    id: randomUUID(),
    name,
    type: 'guixu.set',
    typeVersion: latest(build, 'guixu.set'),
    position: [x + 150, y + 250],
    parameters: {
      mode: 'manual',
      assignments: {
        assignments: build.app.conversationVariables.map((v, index) => ({
          id: `conversation-${index}`,
          name: text(v.name, `variable${index}`),
          value: typeof v.value === 'string' ? v.value : `={{ ${JSON.stringify(v.value ?? null)} }}`,
          type: assignmentType(text(v.value_type)),
        })),
      },
      includeOtherFields: true,
      include: 'all',
      options: {},
    },
  };
}
