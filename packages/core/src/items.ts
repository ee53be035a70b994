/** Data that travels between nodes: arrays of items (DESIGN.md §4). */
import type { NodeRunSource } from './run-data.ts';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A reference to stored bytes. Bytes never travel inline through the engine. */
export interface BinaryRef {
  /** Opaque id understood by the BinaryStore that wrote it. */
  id: string;
  mimeType: string;
  fileName?: string;
  fileExtension?: string;
  /** Size in bytes. */
  fileSize: number;
  /** Coarse kind for the UI: text, json, image, audio, video, pdf, html… */
  fileType?: string;
}

export interface PairedItem {
  item: number;
  /** Input index of the node that produced the item; 0 when omitted. */
  input?: number;
  /**
   * Where `item` points when not into the producing run's own input (n8n's name):
   * Loop Over Items re-emits items it received in an earlier run, so it links them
   * to that run's input. Plain JSON, so it is checkpointed with the item.
   */
  sourceOverwrite?: NodeRunSource;
}

export interface Item {
  json: JsonObject;
  binary?: Record<string, BinaryRef>;
  pairedItem?: PairedItem | PairedItem[] | number;
}

/** Outputs of one node run: one array of items per output. */
export type NodeOutputs = Item[][];
