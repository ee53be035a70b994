/**
 * Messages between the host and a sandbox process. The sandbox process is our
 * own code, but what it sends back was shaped by user code, so the host parses
 * every message with these schemas.
 */
import { z } from 'zod';
import type { SandboxLimits } from './config.ts';

export type CodeMode = 'runOnceForAllItems' | 'runOnceForEachItem';
export type CodeLanguage = 'javaScript' | 'python';

export interface SandboxJob {
  code: string;
  mode: CodeMode;
  /** JSON of the input items, `{ json, binary? }` each. */
  itemsJson: string;
  /** JSON of per-run constants (`SandboxConstants`). */
  constantsJson: string;
  continueOnFail: boolean;
  limits: SandboxLimits;
  /** JavaScript unless said otherwise. */
  language?: CodeLanguage;
  /** Who the run is for: a warm Python interpreter serves one tenant only. */
  tenant?: string;
}

/** Values user code reads without a round trip to the host. */
export interface SandboxConstants {
  nodeName: string;
  runIndex: number;
  workflow: { id?: string; name: string; active: boolean };
  execution: { id: string; mode: string; resumeUrl?: string };
  timezone?: string;
  /** `$getWorkflowStaticData('global' | 'node')`, when the code uses it; sent back changed in the result. */
  staticData?: { global: Record<string, unknown>; node: Record<string, unknown> };
  /**
   * Python's `_now` / `_today`: the run's start in the workflow's time zone (Python has no
   * time zone database in Pyodide, so the host resolves the zone). `utc`: Luxon's fixed UTC
   * zone, whose ISO text ends in `Z`.
   */
  now?: { millis: number; offsetMinutes: number; zone: string; utc: boolean };
}

/** A lookup user code makes through the host (`$('Node').item`, `$vars`, …). */
export const lookupRequestSchema = z.object({
  /** `nodeItems`: `$('Node').item` for the items `args[0]` to `args[0] + args[1] - 1`, in one round trip. */
  /** `binaryData`: the bytes of input item `args[0]`'s binary property `name`, as base64. */
  kind: z.enum(['node', 'nodeItems', 'legacyNode', 'variable', 'binaryData']),
  /** Node name, or variable name (`$vars`, `$env`, `$prevNode`). */
  name: z.string(),
  /** Member of `$('Node')`: all, first, last, item, itemMatching, params, isExecuted. */
  member: z.string().optional(),
  args: z.array(z.unknown()).default([]),
  itemIndex: z.number().int().min(0),
});
export type LookupRequest = z.infer<typeof lookupRequestSchema>;

export type LookupResponse = { ok: true; json: string } | { ok: false; message: string };

export const userErrorSchema = z.object({
  message: z.string(),
  name: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type UserError = z.infer<typeof userErrorSchema>;

/** What the in-isolate runtime returns for one run (as JSON). */
const staticDataSchema = z
  .object({ global: z.record(z.string(), z.unknown()), node: z.record(z.string(), z.unknown()) })
  .optional();

export const runtimeResultSchema = z.union([
  z.object({ mode: z.literal('all'), error: userErrorSchema }),
  z.object({
    mode: z.literal('all'),
    value: z.unknown(),
    pairs: z.array(z.number().int()).nullable(),
    staticData: staticDataSchema,
  }),
  z.object({
    mode: z.literal('each'),
    staticData: staticDataSchema,
    results: z.array(
      z.union([z.object({ error: userErrorSchema }), z.object({ value: z.unknown().optional() })]),
    ),
  }),
]);
export type RuntimeResult = z.infer<typeof runtimeResultSchema>;

export const failureReasonSchema = z.enum(['timeout', 'memory', 'syntax', 'crash', 'internal', 'canceled']);
export type FailureReason = z.infer<typeof failureReasonSchema>;

export const sandboxFailureSchema = z.object({
  reason: failureReasonSchema,
  message: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type SandboxFailure = z.infer<typeof sandboxFailureSchema>;

/** A sandbox process's numbers (operators, soak tests). */
export const sandboxStatsSchema = z.object({
  jobs: z.number(),
  isolatesCreated: z.number(),
  isolateHeapUsedBytes: z.number(),
  isolateHeapLimitBytes: z.number(),
  processRssBytes: z.number(),
});
export type SandboxStats = z.infer<typeof sandboxStatsSchema>;

export type HostToSandbox =
  | { type: 'run'; id: number; job: SandboxJob }
  | { type: 'lookupResult'; id: number; requestId: number; response: LookupResponse }
  | { type: 'cancel'; id: number }
  | { type: 'stats'; requestId: number };

export const sandboxToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('log'),
    id: z.number(),
    level: z.enum(['debug', 'info', 'warn', 'error']),
    message: z.string(),
  }),
  z.object({ type: z.literal('lookup'), id: z.number(), requestId: z.number(), request: z.string() }),
  z.object({ type: z.literal('result'), id: z.number(), json: z.string() }),
  z.object({ type: z.literal('failed'), id: z.number(), failure: sandboxFailureSchema }),
  z.object({ type: z.literal('stats'), requestId: z.number(), stats: sandboxStatsSchema }),
]);
export type SandboxToHost = z.infer<typeof sandboxToHostSchema>;

export const hostToSandboxSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run'),
    id: z.number(),
    job: z.object({
      code: z.string(),
      mode: z.enum(['runOnceForAllItems', 'runOnceForEachItem']),
      itemsJson: z.string(),
      constantsJson: z.string(),
      continueOnFail: z.boolean(),
      limits: z.object({ memoryMb: z.number(), timeoutMs: z.number() }),
      language: z.enum(['javaScript', 'python']).optional(),
      tenant: z.string().optional(),
    }),
  }),
  z.object({
    type: z.literal('lookupResult'),
    id: z.number(),
    requestId: z.number(),
    response: z.union([
      z.object({ ok: z.literal(true), json: z.string() }),
      z.object({ ok: z.literal(false), message: z.string() }),
    ]),
  }),
  z.object({ type: z.literal('cancel'), id: z.number() }),
  z.object({ type: z.literal('stats'), requestId: z.number() }),
]);
