import { matchWebhookPath } from '@guixu/nodes';
import type { WebhookEntry } from './webhook-entry.ts';

export interface WebhookMatch {
  entry: WebhookEntry;
  params: Record<string, string>;
}

/** Static segments before parameters, left to right: `orders/new` beats `orders/:id` beats `:kind/:id`. */
function precedence(a: WebhookEntry, b: WebhookEntry): number {
  for (let i = 0; i < a.segments.length; i++) {
    const pa = a.segments[i].startsWith(':');
    const pb = b.segments[i].startsWith(':');
    if (pa !== pb) return pa ? 1 : -1;
  }
  return 0;
}

/**
 * The webhooks this instance answers, looked up per request without touching
 * the database: static paths by one map lookup, dynamic paths by segment match.
 */
export class WebhookIndex {
  private readonly statics = new Map<string, WebhookEntry>();
  /** `method segmentCount` → dynamic entries in precedence order. */
  private readonly dynamics = new Map<string, WebhookEntry[]>();
  private readonly byWorkflow = new Map<string, WebhookEntry[]>();

  /** Replaces every entry of the workflow. */
  set(workflowId: string, entries: WebhookEntry[]): void {
    this.remove(workflowId);
    if (entries.length === 0) return;
    this.byWorkflow.set(workflowId, entries);
    for (const entry of entries) {
      if (!entry.dynamic) {
        this.statics.set(`${entry.method} ${entry.path}`, entry);
        continue;
      }
      const key = `${entry.method} ${entry.segments.length}`;
      const list = [...(this.dynamics.get(key) ?? []), entry].sort(precedence);
      this.dynamics.set(key, list);
    }
  }

  remove(workflowId: string): void {
    const entries = this.byWorkflow.get(workflowId);
    if (!entries) return;
    this.byWorkflow.delete(workflowId);
    for (const entry of entries) {
      if (!entry.dynamic) {
        const key = `${entry.method} ${entry.path}`;
        if (this.statics.get(key) === entry) this.statics.delete(key);
        continue;
      }
      const key = `${entry.method} ${entry.segments.length}`;
      const rest = (this.dynamics.get(key) ?? []).filter((e) => e !== entry);
      if (rest.length > 0) this.dynamics.set(key, rest);
      else this.dynamics.delete(key);
    }
  }

  clear(): void {
    this.statics.clear();
    this.dynamics.clear();
    this.byWorkflow.clear();
  }

  entriesOf(workflowId: string): readonly WebhookEntry[] {
    return this.byWorkflow.get(workflowId) ?? [];
  }

  get size(): number {
    return this.byWorkflow.size;
  }

  /** `path` is normalised (no leading/trailing slash). */
  find(method: string, path: string): WebhookMatch | undefined {
    const found = this.statics.get(`${method} ${path}`);
    if (found) return { entry: found, params: {} };
    const count = path.split('/').length;
    for (const entry of this.dynamics.get(`${method} ${count}`) ?? []) {
      const params = matchWebhookPath(entry.path, path);
      if (params) return { entry, params };
    }
    return undefined;
  }

  /** Methods some webhook answers at this path (for CORS preflight and the 404 hint). */
  methodsAt(path: string, methods: readonly string[]): string[] {
    return methods.filter((m) => this.find(m, path) !== undefined);
  }
}
