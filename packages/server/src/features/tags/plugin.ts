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
    route(app, ctx.contracts, tagRoutes.list, async () => ({ data: await tags.list() }));
    route(app, ctx.contracts, tagRoutes.create, ({ body }) => tags.create(body.name));
    route(app, ctx.contracts, tagRoutes.update, ({ params, body }) => tags.rename(params.id, body.name));
    route(app, ctx.contracts, tagRoutes.delete, ({ params }) => tags.delete(params.id));
  },
};
