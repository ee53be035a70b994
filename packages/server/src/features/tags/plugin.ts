import { tagRoutes } from '@guixu/api';
import type { Feature } from '../../context.ts';
import { route } from '../../http/route.ts';
import { TagRepository } from './repository.ts';

export const feature: Feature = {
  name: 'tags',
  order: 10,
  setup(ctx) {
    ctx.services.provide('tags', new TagRepository(ctx.database));
  },
  routes(app, ctx) {
    const tags = ctx.services.get('tags');
    const c = ctx.contracts;
    // Tags are instance-wide names: anyone signed in reads them (with the tag scope); writing them
    // takes the tag action in some team project (viewers may not).
    const write = (action: 'create' | 'update' | 'delete') =>
      ({ resource: 'tag', action, anyProject: true }) as const;
    route(app, c, tagRoutes.list, { resource: 'tag', action: 'read' }, async () => ({
      data: await tags.list(),
    }));
    route(app, c, tagRoutes.create, write('create'), ({ body }) => tags.create(body.name));
    route(app, c, tagRoutes.update, write('update'), ({ params, body }) => tags.rename(params.id, body.name));
    route(app, c, tagRoutes.delete, write('delete'), ({ params }) => tags.delete(params.id));
  },
};
