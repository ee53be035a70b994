import type { JsonObject } from '../items.ts';

export type StaticDataType = 'global' | 'node';

/**
 * One node run's view of the workflow's static data (n8n's `$getWorkflowStaticData`):
 * a working copy taken on first use; after the run, `changed()` tells whether the
 * node changed it, so the engine checkpoints the new value.
 */
export class StaticDataAccess {
  private working: JsonObject | undefined;
  private readonly before: string;

  constructor(
    private readonly stored: JsonObject | undefined,
    private readonly nodeName: string,
  ) {
    this.before = JSON.stringify(stored ?? {});
  }

  /** The live object for `global`, or for this node (`node:<name>`, as n8n stores it). */
  get(type: unknown): JsonObject {
    if (type !== 'global' && type !== 'node') {
      throw new Error(
        `$getWorkflowStaticData: the type must be "global" or "node", got ${JSON.stringify(type)}`,
      );
    }
    this.working ??= structuredClone(this.stored ?? {});
    const key = type === 'global' ? 'global' : `node:${this.nodeName}`;
    const existing = this.working[key];
    if (existing !== null && typeof existing === 'object' && !Array.isArray(existing)) return existing;
    const created: JsonObject = {};
    this.working[key] = created;
    return created;
  }

  /** The whole static data when this run changed it (a value that is not JSON fails here). */
  changed(): JsonObject | undefined {
    if (!this.working) return undefined;
    const after = JSON.parse(JSON.stringify(this.working)) as JsonObject;
    // An object created only by reading (`$getWorkflowStaticData('node')`) is not a change.
    for (const [key, value] of Object.entries(after)) {
      if (isEmptyObject(value) && !(this.stored && Object.hasOwn(this.stored, key))) delete after[key];
    }
    return JSON.stringify(after) === this.before ? undefined : after;
  }
}

function isEmptyObject(value: unknown): boolean {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0
  );
}
