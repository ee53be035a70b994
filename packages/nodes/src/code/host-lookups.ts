/**
 * Answers lookups that user code makes through the sandbox (`$('Node').item`,
 * `$node['Node']`, `$vars`, `$env`, `$prevNode`) from the expression engine's
 * variables for that item. Answers are JSON text: the sandbox only ever gets copies.
 */
import type { NodeRunContext } from '@guixu/core';
import { z } from 'zod';
import type { LookupRequest, LookupResponse } from './sandbox/protocol.ts';

const NODE_MEMBERS = new Set(['all', 'first', 'last', 'item', 'itemMatching', 'params', 'isExecuted']);
const VARIABLES = new Set(['$vars', '$env', '$prevNode']);

function isObjectLike(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

function memberOf(target: unknown, member: string, args: unknown[]): unknown {
  if (!isObjectLike(target)) throw new Error(`"${member}" is not available here`);
  const value = target[member];
  return typeof value === 'function' ? Reflect.apply(value, target, args) : value;
}

const blockSchema = z.tuple([z.number().int().min(0), z.number().int().min(1).max(10_000)]);

/** `$('Node').item` for a block of items; a failure belongs to its item only. */
function pairedItems(
  request: LookupRequest,
  variablesFor: (itemIndex: number) => Record<string, unknown>,
): LookupResponse[] {
  const [start, count] = blockSchema.parse(request.args);
  const out: LookupResponse[] = [];
  for (let itemIndex = start; itemIndex < start + count; itemIndex++) {
    try {
      const select = variablesFor(itemIndex).$;
      if (typeof select !== 'function') throw new Error("$('Node') is not available in this run");
      const value = memberOf(Reflect.apply(select, undefined, [request.name]), 'item', []);
      out.push({ ok: true, json: value === undefined ? 'undefined' : JSON.stringify(value) });
    } catch (error) {
      out.push({ ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}

const itemIndexSchema = z.tuple([z.number().int().min(0)]);

/** `this.helpers.getBinaryDataBuffer(itemIndex, propertyName)`: the input item's bytes, as base64. */
async function binaryData(
  request: LookupRequest,
  ctx: Partial<Pick<NodeRunContext, 'items' | 'services'>>,
): Promise<LookupResponse> {
  try {
    if (!ctx.items || !ctx.services) throw new Error('Binary data is not available here');
    const [itemIndex] = itemIndexSchema.parse(request.args);
    const item = ctx.items[itemIndex];
    if (!item) throw new Error(`There is no input item ${itemIndex}`);
    const ref =
      item.binary && Object.hasOwn(item.binary, request.name) ? item.binary[request.name] : undefined;
    if (!ref) throw new Error(`Item ${itemIndex} has no binary property "${request.name}"`);
    const bytes = await ctx.services.binary.get(ref);
    return { ok: true, json: JSON.stringify(Buffer.from(bytes).toString('base64')) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

export function createLookupHandler(
  ctx: Pick<NodeRunContext, 'expressionVariables'> & Partial<Pick<NodeRunContext, 'items' | 'services'>>,
): (request: LookupRequest) => LookupResponse | Promise<LookupResponse> {
  let cached: { itemIndex: number; variables: Record<string, unknown> } | undefined;
  const variablesFor = (itemIndex: number) => {
    if (cached?.itemIndex !== itemIndex)
      cached = { itemIndex, variables: ctx.expressionVariables(itemIndex) };
    return cached.variables;
  };
  return (request) => {
    if (request.kind === 'binaryData') return binaryData(request, ctx);
    try {
      const variables = variablesFor(request.itemIndex);
      let value: unknown;
      if (request.kind === 'variable') {
        if (!VARIABLES.has(request.name)) throw new Error(`Unknown variable ${request.name}`);
        value = variables[request.name];
      } else if (request.kind === 'legacyNode') {
        const nodes = variables.$node;
        value = isObjectLike(nodes) ? nodes[request.name] : undefined;
        if (value === undefined) throw new Error(`Referenced node doesn't exist: ${request.name}`);
      } else if (request.kind === 'nodeItems') {
        value = pairedItems(request, variablesFor);
      } else {
        const member = request.member ?? '';
        if (!NODE_MEMBERS.has(member)) throw new Error(`$('${request.name}').${member} is not supported`);
        const select = variables.$;
        if (typeof select !== 'function') throw new Error("$('Node') is not available in this run");
        value = memberOf(Reflect.apply(select, undefined, [request.name]), member, request.args);
      }
      return { ok: true, json: value === undefined ? 'undefined' : JSON.stringify(value) };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  };
}
