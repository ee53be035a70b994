import { z } from 'zod';
import { timestampSchema } from './common.ts';

export const tagNameSchema = z.string().trim().min(1).max(64);

export const tagSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    /** Workflows (not deleted) carrying the tag. */
    usageCount: z.number().int(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'Tag' });
export type Tag = z.infer<typeof tagSchema>;

export const tagListSchema = z.object({ data: z.array(tagSchema) }).meta({ id: 'TagList' });
export const tagBodySchema = z.object({ name: tagNameSchema }).strict().meta({ id: 'TagBody' });
