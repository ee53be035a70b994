/**
 * The runtime's two channels out of the isolate, handed in by the sandbox
 * process as isolated-vm References: `bridge` (synchronous: logs, timers,
 * loading Luxon/jmespath, random bytes, digests) and `lookup` (to the
 * workflow host: `$('Node')`, `$vars`…, answered with JSON copies).
 */
export interface HostFunction {
  applySync(receiver: undefined, args: unknown[]): unknown;
  applySyncPromise(receiver: undefined, args: unknown[]): unknown;
}

export interface Host {
  bridge: HostFunction;
  lookup: HostFunction;
}

let connected: Host | undefined;

/** The bundle runs once per fresh context, so one connection per run. */
export function connect(host: Host): void {
  connected = host;
}

function host(): Host {
  if (!connected) throw new Error('The Code node runtime is not connected');
  return connected;
}

export function callBridge(...args: unknown[]): unknown {
  return host().bridge.applySync(undefined, args);
}

/** Bridge calls that answer with base64 text (random bytes, digests). */
export function callBridgeForText(...args: unknown[]): string {
  const answer = callBridge(...args);
  if (typeof answer !== 'string') throw new Error(`The sandbox did not answer ${String(args[0])}`);
  return answer;
}

export function callLookup(requestJson: string): string {
  const answer = host().lookup.applySyncPromise(undefined, [requestJson]);
  if (typeof answer !== 'string') throw new Error('The workflow host gave no answer');
  return answer;
}
