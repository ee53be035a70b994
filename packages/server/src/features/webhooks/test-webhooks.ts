import { shapeOf, type WebhookEntry } from './webhook-entry.ts';
import { WebhookIndex } from './webhook-index.ts';
import { pathTaken } from './webhook-store.ts';

interface Listener {
  entries: WebhookEntry[];
  expiresAt: number;
  timer: NodeJS.Timeout;
}

/**
 * `/webhook-test/…` listeners: the editor asks to listen for one call with
 * its current (possibly unsaved) document; the first call runs it once and
 * removes every listener of that workflow, as does the timeout.
 */
export class TestWebhooks {
  readonly index = new WebhookIndex();
  private readonly listeners = new Map<string, Listener>();

  listen(workflowId: string, entries: WebhookEntry[], timeoutMs: number): { expiresAt: string } {
    for (const entry of entries) {
      for (const [otherId, other] of this.listeners) {
        if (otherId === workflowId) continue;
        const taken = other.entries.find(
          (e) => e.method === entry.method && shapeOf(e.segments) === shapeOf(entry.segments),
        );
        if (taken)
          throw pathTaken(entry, { workflowId: otherId, nodeName: taken.node.name, path: taken.path });
      }
    }
    this.stop(workflowId);
    const expiresAt = Date.now() + timeoutMs;
    const timer = setTimeout(() => this.stop(workflowId), timeoutMs);
    timer.unref();
    this.listeners.set(workflowId, { entries, expiresAt, timer });
    this.index.set(workflowId, entries);
    return { expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Ends listening for the workflow; true when it was listening. */
  stop(workflowId: string): boolean {
    const listener = this.listeners.get(workflowId);
    if (!listener) return false;
    clearTimeout(listener.timer);
    this.listeners.delete(workflowId);
    this.index.remove(workflowId);
    return true;
  }

  stopAll(): void {
    for (const id of [...this.listeners.keys()]) this.stop(id);
  }
}
