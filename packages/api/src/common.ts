import { z } from 'zod';

/** Errors at every boundary: the web app switches on `code`, never on `message`. */
export const errorBodySchema = z
  .object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const idSchema = z.string().min(1).max(64);
export const idParamsSchema = z.object({ id: idSchema });

/** Timestamps travel as ISO-8601 strings in UTC. */
export const timestampSchema = z.iso.datetime({ offset: true });

/** Query booleans arrive as text. */
export const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

export const paginationQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(250).default(50),
  /** Opaque: pass back the `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(1024).optional(),
});

/** A page of results; `nextCursor` is null on the last page. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

export const emptyObjectSchema = z.object({}).strict();
