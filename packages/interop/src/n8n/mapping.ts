import { randomUUID } from 'node:crypto';
import { isRecord, type NodeRegistry } from '@guixu/core';

/** One n8n node as the mappings see it. */
export interface N8nSourceNode {
  name: string;
  type: string;
  typeVersion: number;
  parameters: Record<string, unknown>;
}

export interface MappingContext {
  registry: NodeRegistry;
  /** Adds a note to this node's import report. */
  warn(message: string): void;
}

export interface Translation {
  parameters: Record<string, unknown>;
  /** Overrides the mapping's GuixuFlow type (one n8n node that became several node types). */
  type?: string;
  typeVersion?: number;
  /** n8n main output index → GuixuFlow main output indexes (default: the same index). */
  outputs?: (index: number) => number[];
  /** Set when this particular configuration cannot be mapped: the node becomes a placeholder. */
  unsupported?: string;
  /** n8n credential slot → the GuixuFlow slot it fills (default: the same name). */
  credentialSlots?: Record<string, string>;
}

export interface N8nExport {
  type: string;
  typeVersion: number;
  /** GuixuFlow parameters → n8n parameters (default: the same object). */
  parameters?: (parameters: Record<string, unknown>) => Record<string, unknown>;
  /** GuixuFlow credential slot → the n8n slot it fills (default: the same name). */
  credentialSlots?: Record<string, string>;
}

/**
 * How one n8n node type (or a family of legacy types) becomes a GuixuFlow node.
 * GuixuFlow nodes mirror the newest n8n version, so most mappings only translate
 * older type versions.
 */
export interface N8nMapping {
  n8nTypes: readonly string[];
  guixuType: string;
  /** How `exportN8n` writes the GuixuFlow node back; only one mapping per GuixuFlow type has it. */
  export?: N8nExport;
  translate?: (node: N8nSourceNode, ctx: MappingContext) => Translation;
}

/** A mapping for a node whose newest n8n version GuixuFlow mirrors 1:1. */
export function sameShape(
  n8nType: string,
  guixuType: string,
  exportVersion: number,
  translate?: N8nMapping['translate'],
): N8nMapping {
  return {
    n8nTypes: [`n8n-nodes-base.${n8nType}`],
    guixuType,
    export: { type: `n8n-nodes-base.${n8nType}`, typeVersion: exportVersion },
    translate,
  };
}

export { isRecord };

export function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Entries of an n8n fixedCollection (`{ values: [...] }`-style) as records. */
export function entries(collection: unknown, key: string): Record<string, unknown>[] {
  return list(record(collection)[key]).filter(isRecord);
}

/** Value of an n8n resource locator (`{ __rl: true, value, mode }`) or the plain value. */
export function locatorValue(value: unknown): unknown {
  return isRecord(value) && '__rl' in value ? value.value : value;
}

export function deepCopy<T>(value: T): T {
  return structuredClone(value);
}

/** Ids for generated conditions and assignments (n8n uses UUIDs too). */
export function newId(): string {
  return randomUUID();
}
