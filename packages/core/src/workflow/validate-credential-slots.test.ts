import { describe, expect, it } from 'vitest';
import { NodeRegistry } from '../registry.ts';
import { defineNode } from '../sdk/define-node.ts';
import { p } from '../sdk/params.ts';
import { validateWorkflow } from './validate.ts';

const caller = defineNode({
  type: 'test.caller',
  version: 1,
  displayName: 'Caller',
  description: 'Needs a credential only for some auth types',
  group: 'action',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [
    { name: 'tokenAuth', required: true, displayOptions: { show: { auth: ['token'] } } },
    { name: 'basicAuth', required: true, displayOptions: { show: { auth: ['basic'] } } },
  ],
  params: {
    auth: p.options({
      label: 'Auth',
      default: 'none',
      options: [
        { value: 'none', label: 'None' },
        { value: 'token', label: 'Token' },
        { value: 'basic', label: 'Basic' },
      ],
    }),
  },
  run: (ctx) => [ctx.items],
});
const registry = new NodeRegistry().register(caller);

function warningsFor(parameters: Record<string, unknown>) {
  const workflow = {
    name: 'w',
    nodes: [{ id: '1', name: 'Call', type: 'test.caller', typeVersion: 1, position: [0, 0], parameters }],
    connections: {},
  };
  return validateWorkflow(workflow, registry)
    .warnings.filter((w) => w.code === 'CREDENTIAL_MISSING')
    .map((w) => w.path);
}

describe('credential slots with display rules', () => {
  it('asks only for the credential the chosen parameters show', () => {
    expect(warningsFor({})).toEqual([]);
    expect(warningsFor({ auth: 'token' })).toEqual(['nodes[0].credentials.tokenAuth']);
    expect(warningsFor({ auth: 'basic' })).toEqual(['nodes[0].credentials.basicAuth']);
  });
});
