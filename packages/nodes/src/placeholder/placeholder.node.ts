import { CONNECTION_TYPES, type ConnectionType, defineNode, NodeOperationError, p } from '@guixu/core';
import { z } from 'zod';

/**
 * Stand-in for a node an importer could not map (an n8n or Dify node GuixuFlow
 * does not have yet). It keeps the original node so nothing is lost and the graph
 * stays whole; its ports mirror the original's connections. Importers add it
 * disabled; enabled and run, it fails with a message saying what to do.
 * No n8n equivalent: n8n refuses to open workflows with unknown node types instead.
 */
interface Ports {
  inputs: ConnectionType[];
  outputs: ConnectionType[];
}

const portsSchema: z.ZodType<Ports> = z.object({
  inputs: z.array(z.enum(CONNECTION_TYPES)),
  outputs: z.array(z.enum(CONNECTION_TYPES)),
});

export default defineNode({
  type: 'guixu.placeholder',
  version: 1,
  displayName: 'Placeholder',
  description: 'Keeps an imported node GuixuFlow cannot run yet, with its original type and parameters.',
  docs: [
    'Importers put a Placeholder where a source node (n8n, Dify) has no GuixuFlow equivalent yet.',
    'It keeps the original type, version and parameters, and the reason it was not mapped,',
    'and has the same inputs and outputs as the original so connections are preserved.',
    'It is disabled: a disabled node passes its input through. Replace it with a real node',
    '(or remove it) before relying on the workflow; run while enabled, it fails with an error.',
    'Exporting back to n8n restores the original node.',
  ].join(' '),
  group: 'flow',
  icon: 'puzzle',
  defaultName: 'Placeholder',
  inputs: (params) => params.ports.inputs,
  outputs: (params) => params.ports.outputs,
  params: {
    originalType: p.string({ label: 'Original Type', noExpression: true, required: true }),
    originalTypeVersion: p.number({ label: 'Original Type Version', default: 1 }),
    originalParameters: p.custom({
      kind: 'json',
      label: 'Original Parameters',
      schema: z.record(z.string(), z.unknown()),
      default: {},
      noExpression: true,
    }),
    reason: p.string({ label: 'Why It Was Not Mapped', rows: 3, noExpression: true }),
    ports: p.custom<Ports>({
      kind: 'json',
      label: 'Ports',
      description: 'Inputs and outputs of the original node, by connection type',
      schema: portsSchema,
      default: { inputs: ['main'], outputs: ['main'] },
      noExpression: true,
    }),
  },
  run: (ctx) => {
    const { originalType, originalTypeVersion, reason } = ctx.params(0);
    const why = reason ? ` (${reason})` : '';
    throw new NodeOperationError(
      ctx.node.name,
      `Node "${ctx.node.name}" is a placeholder for ${originalType} v${originalTypeVersion}, which GuixuFlow cannot run${why}. Replace it with a GuixuFlow node or disable it.`,
      { details: { code: 'PLACEHOLDER_NOT_RUNNABLE', originalType, originalTypeVersion } },
    );
  },
});
