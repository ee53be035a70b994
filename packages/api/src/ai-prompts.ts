import { z } from 'zod';
import { idParamsSchema, idSchema, timestampSchema } from './common.ts';
import { defineRoute } from './contract.ts';

/** `{{name}}` in a template: letters, digits, `_`, `.` and `-`, starting with a letter or `_`. */
export const promptVariableNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, 'a letter or _ followed by letters, digits, _, . or - (max 64)');

export const promptVariableSchema = z
  .object({
    name: promptVariableNameSchema,
    description: z.string().max(1000).default(''),
    /** Used when a run or a preview gives no value. */
    default: z.string().max(65_536).optional(),
  })
  .meta({ id: 'PromptVariable' });

const contentFields = {
  system: z.string().max(200_000).default(''),
  prompt: z.string().max(200_000).default(''),
  variables: z.array(promptVariableSchema).max(100).default([]),
};

export const promptTemplateVersionSchema = z
  .object({
    version: z.number().int(),
    system: z.string(),
    prompt: z.string(),
    /** Declared variables, plus every `{{name}}` of the text (with an empty description). */
    variables: z.array(promptVariableSchema),
    createdAt: timestampSchema,
  })
  .meta({ id: 'PromptTemplateVersion' });

export const promptTemplateSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    name: z.string(),
    description: z.string(),
    latestVersion: z.number().int(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    /** The latest version's content. */
    current: promptTemplateVersionSchema,
  })
  .meta({ id: 'PromptTemplate' });

export const promptPreviewSchema = z
  .object({
    version: z.number().int(),
    system: z.string(),
    prompt: z.string(),
    /** Variables that had no value and no default (rendered as empty text). */
    missing: z.array(z.string()),
  })
  .meta({ id: 'PromptPreview' });

const tags = ['Prompt templates'] as const;
const base = '/api/v1/prompt-templates';
const nameSchema = z.string().trim().min(1).max(200);

export const promptTemplateRoutes = {
  list: defineRoute({
    method: 'GET',
    path: base,
    operationId: 'listPromptTemplates',
    summary: 'Prompt templates of the projects I can see',
    tags,
    query: z.object({ projectId: idSchema.optional() }),
    response: z.object({ data: z.array(promptTemplateSchema) }),
    errors: [401],
  }),
  create: defineRoute({
    method: 'POST',
    path: base,
    operationId: 'createPromptTemplate',
    summary: 'Create a prompt template (version 1)',
    tags,
    body: z
      .object({
        projectId: idSchema.optional(),
        name: nameSchema,
        description: z.string().max(2000).default(''),
        ...contentFields,
      })
      .strict(),
    response: promptTemplateSchema,
    status: 201,
    errors: [401, 403, 404, 409],
  }),
  get: defineRoute({
    method: 'GET',
    path: `${base}/:id`,
    operationId: 'getPromptTemplate',
    summary: 'A prompt template with its latest version',
    tags,
    params: idParamsSchema,
    response: promptTemplateSchema,
    errors: [401, 404],
  }),
  update: defineRoute({
    method: 'PATCH',
    path: `${base}/:id`,
    operationId: 'updatePromptTemplate',
    summary: 'Rename it, or change its content (a new version; earlier ones stay readable)',
    tags,
    params: idParamsSchema,
    body: z
      .object({
        name: nameSchema.optional(),
        description: z.string().max(2000).optional(),
        system: contentFields.system.unwrap().optional(),
        prompt: contentFields.prompt.unwrap().optional(),
        variables: contentFields.variables.unwrap().optional(),
      })
      .strict(),
    response: promptTemplateSchema,
    errors: [401, 403, 404, 409],
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: `${base}/:id`,
    operationId: 'deletePromptTemplate',
    summary: 'Delete a prompt template and its versions',
    tags,
    params: idParamsSchema,
    status: 204,
    errors: [401, 403, 404],
  }),
  versions: defineRoute({
    method: 'GET',
    path: `${base}/:id/versions`,
    operationId: 'listPromptTemplateVersions',
    summary: 'Every version of a prompt template, newest first',
    tags,
    params: idParamsSchema,
    response: z.object({ data: z.array(promptTemplateVersionSchema) }),
    errors: [401, 404],
  }),
  version: defineRoute({
    method: 'GET',
    path: `${base}/:id/versions/:version`,
    operationId: 'getPromptTemplateVersion',
    summary: 'One version of a prompt template',
    tags,
    params: z.object({ id: idSchema, version: z.coerce.number().int().min(1) }),
    response: promptTemplateVersionSchema,
    errors: [401, 404],
  }),
  preview: defineRoute({
    method: 'POST',
    path: `${base}/:id/preview`,
    operationId: 'previewPromptTemplate',
    summary: 'Render a version (the latest by default) with sample values',
    tags,
    params: idParamsSchema,
    body: z
      .object({
        version: z.number().int().min(1).optional(),
        values: z.record(z.string(), z.string().max(200_000)).default({}),
      })
      .strict(),
    response: promptPreviewSchema,
    errors: [401, 404],
  }),
} as const;
