import {
  connectionsSchema,
  workflowNodeSchema,
  workflowSchema,
  workflowSettingsSchema,
} from '@guixu/core/workflow-schema';
import { z } from 'zod';
import { idSchema, pageSchema, paginationQuerySchema, queryBoolean, timestampSchema } from './common.ts';

export const workflowNameSchema = z.string().trim().min(1).max(128);
const tagNamesSchema = z.array(z.string().trim().min(1).max(64)).max(100);
const messageSchema = z.string().max(1000);
const pinDataSchema = workflowSchema.shape.pinData;
const metaSchema = z.record(z.string(), z.unknown());

export const tagRefSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: 'TagRef' });

/** A stored workflow as the API returns it. */
export const workflowRecordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    active: z.boolean(),
    nodes: z.array(workflowNodeSchema),
    connections: connectionsSchema,
    settings: workflowSettingsSchema,
    pinData: pinDataSchema.nullable(),
    meta: metaSchema.nullable(),
    tags: z.array(tagRefSchema),
    /** Number of the latest saved version (1 for a new workflow). */
    version: z.number().int(),
    versionId: z.string(),
    projectId: z.string().nullable(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    deletedAt: timestampSchema.nullable(),
  })
  .meta({ id: 'Workflow' });
export type WorkflowRecord = z.infer<typeof workflowRecordSchema>;

/** List entries leave out the heavy parts of the document. */
export const workflowSummarySchema = workflowRecordSchema
  .omit({ nodes: true, connections: true, pinData: true, meta: true })
  .extend({ nodeCount: z.number().int() })
  .meta({ id: 'WorkflowSummary' });
export type WorkflowSummary = z.infer<typeof workflowSummarySchema>;

export const createWorkflowBodySchema = z
  .object({
    name: workflowNameSchema,
    nodes: z.array(workflowNodeSchema).max(2000).default([]),
    connections: connectionsSchema.default({}),
    settings: workflowSettingsSchema.default({}),
    pinData: pinDataSchema,
    meta: metaSchema.optional(),
    /** Tag names; missing tags are created. */
    tags: tagNamesSchema.optional(),
    /** Message stored with the first version. */
    message: messageSchema.optional(),
    /** The project it belongs to; default: the caller's personal project. */
    projectId: idSchema.optional(),
  })
  .strict()
  .meta({ id: 'CreateWorkflow' });
export type CreateWorkflowBody = z.infer<typeof createWorkflowBodySchema>;

export const updateWorkflowBodySchema = z
  .object({
    name: workflowNameSchema.optional(),
    nodes: z.array(workflowNodeSchema).max(2000).optional(),
    connections: connectionsSchema.optional(),
    settings: workflowSettingsSchema.optional(),
    pinData: pinDataSchema.nullable(),
    meta: metaSchema.nullable().optional(),
    tags: tagNamesSchema.optional(),
    message: messageSchema.optional(),
    /** Optimistic concurrency: the save fails with 409 when the stored version differs. */
    expectedVersion: z.number().int().min(1).optional(),
  })
  .strict()
  .meta({ id: 'UpdateWorkflow' });
export type UpdateWorkflowBody = z.infer<typeof updateWorkflowBodySchema>;

export const workflowSortSchema = z.enum([
  'name:asc',
  'name:desc',
  'updatedAt:asc',
  'updatedAt:desc',
  'createdAt:asc',
  'createdAt:desc',
]);
export type WorkflowSort = z.infer<typeof workflowSortSchema>;

export const listWorkflowsQuerySchema = paginationQuerySchema.extend({
  /** Case-insensitive substring of the name. */
  name: z.string().max(128).optional(),
  /** Tag name or id. */
  tag: z.string().max(64).optional(),
  active: queryBoolean.optional(),
  /** `true` lists only soft-deleted workflows. */
  deleted: queryBoolean.optional(),
  /** Only workflows of this project (among those the caller may see). */
  projectId: idSchema.optional(),
  sort: workflowSortSchema.default('updatedAt:desc'),
});
export type ListWorkflowsQuery = z.infer<typeof listWorkflowsQuerySchema>;

export const workflowPageSchema = pageSchema(workflowSummarySchema).meta({ id: 'WorkflowPage' });

export const getWorkflowQuerySchema = z.object({ deleted: queryBoolean.optional() });

export const deleteWorkflowQuerySchema = z.object({
  /** Removes a soft-deleted workflow and its versions for good. */
  permanent: queryBoolean.optional(),
});

export const duplicateWorkflowBodySchema = z
  .object({
    name: workflowNameSchema.optional(),
    tags: tagNamesSchema.optional(),
    /** Where the copy goes; default: the caller's personal project. */
    projectId: idSchema.optional(),
  })
  .strict();

export const versionParamsSchema = z.object({
  id: idSchema,
  version: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

export const workflowVersionSummarySchema = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    version: z.number().int(),
    name: z.string(),
    /** `system` until users exist. */
    author: z.string(),
    message: z.string().nullable(),
    createdAt: timestampSchema,
  })
  .meta({ id: 'WorkflowVersionSummary' });

/** The workflow document as saved in one version. */
export const workflowDocumentSchema = z
  .object({
    id: z.string().optional(),
    name: z.string(),
    nodes: z.array(workflowNodeSchema),
    connections: connectionsSchema,
    settings: workflowSettingsSchema,
    pinData: pinDataSchema,
    meta: metaSchema.optional(),
    tags: z.array(z.string()).optional(),
  })
  .meta({ id: 'WorkflowDocument' });
export type WorkflowDocument = z.infer<typeof workflowDocumentSchema>;

export const workflowVersionSchema = workflowVersionSummarySchema
  .extend({ workflow: workflowDocumentSchema })
  .meta({ id: 'WorkflowVersion' });
export type WorkflowVersion = z.infer<typeof workflowVersionSchema>;

export const workflowVersionPageSchema = pageSchema(workflowVersionSummarySchema).meta({
  id: 'WorkflowVersionPage',
});

export const restoreVersionBodySchema = z.object({ message: messageSchema.optional() }).strict();

export const diffQuerySchema = z.object({
  from: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** Defaults to the latest version. */
  to: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});

export const changedNodeSchema = z.object({
  name: z.string(),
  id: z.string(),
  /** Dotted paths of what changed: `parameters.url`, `position`, `typeVersion`, `name`… */
  changes: z.array(z.string()),
});

export const connectionChangeSchema = z.object({
  change: z.enum(['added', 'removed']),
  from: z.string(),
  type: z.string(),
  outputIndex: z.number().int(),
  to: z.string(),
  inputIndex: z.number().int(),
});
export type ConnectionChange = z.infer<typeof connectionChangeSchema>;

export const workflowDiffSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    nameChanged: z.boolean(),
    settingsChanged: z.array(z.string()),
    nodes: z.object({
      added: z.array(z.object({ name: z.string(), id: z.string(), type: z.string() })),
      removed: z.array(z.object({ name: z.string(), id: z.string(), type: z.string() })),
      changed: z.array(changedNodeSchema),
    }),
    connections: z.array(connectionChangeSchema),
  })
  .meta({ id: 'WorkflowDiff' });
export type WorkflowDiff = z.infer<typeof workflowDiffSchema>;

export const importFormatSchema = z.enum(['guixu', 'n8n', 'dify']);
export type ImportFormat = z.infer<typeof importFormatSchema>;

export const importWorkflowBodySchema = z
  .object({
    /** Absent: detected from the document. */
    format: importFormatSchema.optional(),
    /** The workflow file's content: a JSON object, or the text of the file (JSON or YAML). */
    workflow: z.union([z.record(z.string(), z.unknown()), z.string().max(10_000_000)]),
    /** Overrides the name found in the file. */
    name: workflowNameSchema.optional(),
    tags: tagNamesSchema.optional(),
    /** The project it belongs to; default: the caller's personal project. */
    projectId: idSchema.optional(),
  })
  .strict()
  .meta({ id: 'ImportWorkflow' });
export type ImportWorkflowBody = z.infer<typeof importWorkflowBodySchema>;

/** Activation answers 400 with these in `details.errors` when the workflow is not valid. */
export const validationIssueSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    /** JSON path inside the document, e.g. `nodes[2].parameters.url`. */
    path: z.string(),
    node: z.string().optional(),
    parameter: z.string().optional(),
    position: z
      .object({ offset: z.number().optional(), line: z.number().optional(), column: z.number().optional() })
      .optional(),
  })
  .meta({ id: 'ValidationIssue' });

/** The importer's report: the same one `guixu import` prints and the editor shows. */
export const importReportSchema = z
  .object({
    source: z.enum(['n8n', 'dify']),
    fileName: z.string().optional(),
    nodes: z.array(
      z.object({
        node: z.string(),
        sourceType: z.string(),
        sourceVersion: z.union([z.number(), z.string()]),
        status: z.enum(['mapped', 'placeholder', 'dropped']),
        targetType: z.string().optional(),
        reason: z.string().optional(),
        warnings: z.array(z.string()),
      }),
    ),
    credentials: z.array(z.object({ node: z.string(), slot: z.string(), name: z.string() })),
    warnings: z.array(z.string()),
    validation: z.object({
      errors: z.array(validationIssueSchema),
      warnings: z.array(validationIssueSchema),
    }),
    summary: z.object({
      nodes: z.number(),
      mapped: z.number(),
      placeholders: z.number(),
      dropped: z.number(),
      credentials: z.number(),
      warnings: z.number(),
    }),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof importReportSchema>;

export const importWorkflowResultSchema = z
  .object({
    workflow: workflowRecordSchema,
    format: importFormatSchema,
    /** What the importer could not carry over exactly, one line each. */
    warnings: z.array(z.string()),
    /** The full report for n8n and Dify files (absent for GuixuFlow files). */
    report: importReportSchema.optional(),
  })
  .meta({ id: 'ImportWorkflowResult' });

/** Nodes copied in another editor (n8n's clipboard: nodes + connections by name), or any workflow file. */
export const convertWorkflowBodySchema = z
  .object({
    /** Absent: detected from the document. */
    format: importFormatSchema.optional(),
    workflow: z.union([z.record(z.string(), z.unknown()), z.string().max(10_000_000)]),
  })
  .strict()
  .meta({ id: 'ConvertWorkflow' });
export type ConvertWorkflowBody = z.infer<typeof convertWorkflowBodySchema>;

/** The document as GuixuFlow nodes, not saved: the editor pastes it. */
export const convertWorkflowResultSchema = z
  .object({
    workflow: z.object({
      name: z.string().optional(),
      nodes: z.array(workflowNodeSchema),
      connections: connectionsSchema,
    }),
    format: importFormatSchema,
    warnings: z.array(z.string()),
    report: importReportSchema.optional(),
  })
  .meta({ id: 'ConvertWorkflowResult' });
