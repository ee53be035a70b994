type Listener = (delta: string) => void;
type Relay = (executionId: string, delta: string) => void;

/**
 * Partial answers of running executions, for the chat requests waiting on them (by execution id).
 * In queue mode a worker relays its runs' parts to the mains (queue feature), where the chat
 * request that listens for them is.
 */
export class AnswerStreams {
  private readonly listeners = new Map<string, Listener>();
  private relay: Relay | undefined;

  /** Listens before the execution starts; the returned function stops listening. */
  listen(executionId: string, listener: Listener): () => void {
    this.listeners.set(executionId, listener);
    return () => {
      if (this.listeners.get(executionId) === listener) this.listeners.delete(executionId);
    };
  }

  emit(executionId: string, delta: string): void {
    this.listeners.get(executionId)?.(delta);
    this.relay?.(executionId, delta);
  }

  /** Also hands every part to `relay` (a queue worker: to the main holding the chat). */
  relayTo(relay: Relay): void {
    this.relay = relay;
  }
}
