import { CONNECTION_TYPES, type ConnectionType } from '@guixu/core';
import type { N8nConnections } from './n8n-file.ts';

export function isConnectionType(value: unknown): value is ConnectionType {
  return typeof value === 'string' && (CONNECTION_TYPES as readonly string[]).includes(value);
}

export interface PortUsage {
  inputs: Map<ConnectionType, number>;
  outputs: Map<ConnectionType, number>;
}

/** How many ports of each connection type every node uses, read from the connections. */
export function portUsage(connections: N8nConnections): Map<string, PortUsage> {
  const usage = new Map<string, PortUsage>();
  const of = (name: string) => {
    let u = usage.get(name);
    if (!u) {
      u = { inputs: new Map(), outputs: new Map() };
      usage.set(name, u);
    }
    return u;
  };
  const bump = (map: Map<ConnectionType, number>, type: ConnectionType, index: number) =>
    map.set(type, Math.max(map.get(type) ?? 0, index + 1));
  for (const [source, byType] of Object.entries(connections)) {
    for (const [type, outputs] of Object.entries(byType)) {
      if (!isConnectionType(type)) continue;
      (outputs ?? []).forEach((targets, index) => {
        if (!targets || targets.length === 0) return;
        bump(of(source).outputs, type, index);
        for (const target of targets) {
          const targetType = target.type ?? type;
          if (isConnectionType(targetType)) bump(of(target.node).inputs, targetType, target.index ?? 0);
        }
      });
    }
  }
  return usage;
}

function expand(map: Map<ConnectionType, number>, main: number): ConnectionType[] {
  const list: ConnectionType[] = Array.from({ length: Math.max(main, map.get('main') ?? 0) }, () => 'main');
  for (const [type, count] of map) if (type !== 'main') for (let i = 0; i < count; i++) list.push(type);
  return list;
}

/**
 * Ports for a placeholder: what its connections use, and at least one main input
 * and output, except that triggers have no input and AI sub-nodes no main ports.
 */
export function placeholderPorts(
  usage: PortUsage | undefined,
  looksLikeTrigger: boolean,
): { inputs: ConnectionType[]; outputs: ConnectionType[] } {
  const inputs = usage?.inputs ?? new Map<ConnectionType, number>();
  const outputs = usage?.outputs ?? new Map<ConnectionType, number>();
  const subNode = [...outputs.keys()].some((type) => type !== 'main');
  return {
    inputs: expand(inputs, subNode || looksLikeTrigger ? 0 : 1),
    outputs: expand(outputs, subNode ? 0 : 1),
  };
}
