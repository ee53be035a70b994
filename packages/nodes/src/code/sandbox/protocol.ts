/**
 * Messages between the host and a sandbox process. The sandbox process is our
 * own code, but what it sends back was shaped by user code, so the host parses
 * every message with these schemas.
 */
import { z } from 'zod';
import type { SandboxLimits } from './config.ts';

export type CodeMode = 'runOnceForAllItems' | 'runOnceForEachItem';

export interface SandboxJob {
  code: string;
  mode: CodeMode;
  /** JSON of the input items, `{ json, binary? }` each. */
  itemsJson: string;
  /** JSON of per-run constants (`SandboxConstants`). */
  constantsJson: string;
  continueOnFail: boolean;
  limits: SandboxLimits;
}

/** Values user code reads without a round trip to the host. */
export interface SandboxConstants {
  nodeName: string;
  runIndex: number;
  workflow: { id?: string; name: string; active: boolean };
  execution: { id: string; mode: string; resumeUrl?: string };
  timezone?: string;
}

/** A lookup user code makes through the host (`$('Node').item`, `$vars`, …). */
export const lookupRequestSchema = z.object({
  /** `nodeItems`: `$('Node').item` for the items `args[0]` to `args[0] + args[1] - 1`, in one round trip. */
  kind: z.enum(['node', 'nodeItems', 'legacyNode', 'variable']),
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
export const runtimeResultSchema = z.union([
  z.object({ mode: z.literal('all'), error: userErrorSchema }),
  z.object({ mode: z.literal('all'), value: z.unknown(), pairs: z.array(z.number().int()).nullable() }),
  z.object({
    mode: z.literal('each'),
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

export type HostToSandbox =
  | { type: 'run'; id: number; job: SandboxJob }
  | { type: 'lookupResult'; id: number; requestId: number; response: LookupResponse }
  | { type: 'cancel'; id: number };

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
]);
