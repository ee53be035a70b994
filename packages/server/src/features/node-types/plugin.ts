import { type NodeTypeDescription, nodeTypeRoutes } from '@guixu/api';
import type { Feature } from '../../context.ts';
import { notFound } from '../../http/http-errors.ts';
import { route } from '../../http/route.ts';
import { describeNodeType } from './describe.ts';

export const feature: Feature = {
  name: 'node-types',
  routes(app, ctx) {
    // Definitions never change while the process runs: describe them once.
    let catalog: NodeTypeDescription[] | undefined;
    const all = () => {
      catalog ??= ctx.registry
        .list()
        .map(describeNodeType)
        .sort((a, b) => a.type.localeCompare(b.type));
      return catalog;
    };
    route(app, ctx.contracts, nodeTypeRoutes.list, { resource: 'nodeType', action: 'read' }, ({ query }) => ({
      data: query.group ? all().filter((n) => n.group === query.group) : all(),
    }));
    route(
      app,
      ctx.contracts,
      nodeTypeRoutes.get,
      { resource: 'nodeType', action: 'read' },
      ({ params, query }) => {
        const definition = ctx.registry.find(params.type, query.version);
        if (!definition) {
          throw notFound(
            'node type',
            query.version === undefined ? params.type : `${params.type}@${query.version}`,
          );
        }
        return describeNodeType(definition);
      },
    );
  },
};
