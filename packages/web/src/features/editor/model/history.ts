/**
 * Undo and redo over JSON snapshots of the document. Changes that follow each
 * other within `coalesceMs` (typing in a field) make one step.
 */
export class History {
  private past: string[] = [];
  private future: string[] = [];
  private current: string;
  private lastRecord = 0;

  constructor(
    snapshot: string,
    private readonly limit = 100,
    private readonly coalesceMs = 500,
  ) {
    this.current = snapshot;
  }

  /**
   * After a change: `snapshot` is the document as it is now. A `separate`
   * change (paste, layout, adding or removing nodes) is always a step of its own.
   */
  record(snapshot: string, now = Date.now(), separate = false): void {
    if (snapshot === this.current) return;
    if (separate || now - this.lastRecord >= this.coalesceMs || this.past.length === 0) {
      this.past.push(this.current);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.lastRecord = separate ? 0 : now;
    this.current = snapshot;
    this.future = [];
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** The snapshot to show after undoing, or undefined. */
  undo(): string | undefined {
    const previous = this.past.pop();
    if (previous === undefined) return undefined;
    this.future.push(this.current);
    this.current = previous;
    this.lastRecord = 0;
    return previous;
  }

  redo(): string | undefined {
    const next = this.future.pop();
    if (next === undefined) return undefined;
    this.past.push(this.current);
    this.current = next;
    this.lastRecord = 0;
    return next;
  }
}
