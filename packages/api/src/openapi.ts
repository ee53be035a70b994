import { z } from 'zod';
import { errorBodySchema } from './common.ts';
import type { RouteContract } from './contract.ts';
import { anyCredential, securitySchemes } from './openapi-security.ts';

type JsonSchema = Record<string, unknown>;

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

export interface OpenApiOptions {
  /** Where the API is served (the server passes its public URL). */
  servers?: { url: string; description?: string }[];
  /** Operations anyone may call: declared with no security requirement. */
  isPublic?: (route: RouteContract) => boolean;
}

interface Components {
  schemas: Record<string, JsonSchema>;
  /** Raw text of each def as first seen, to tell a reused schema from a different one of the same name. */
  seen: Map<string, string>;
}

// Not core's isRecord: this package imports only core's browser-safe subpaths (the web app bundles it).
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Rewrites `#/$defs/X` refs to component refs, renaming X where a def of that name already differs. */
function relocate(value: unknown, renames: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => relocate(v, renames));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
      const name = v.slice('#/$defs/'.length);
      out[key] = `#/components/schemas/${renames.get(name) ?? name}`;
    } else {
      out[key] = relocate(v, renames);
    }
  }
  return out;
}

/** Converts a zod schema; named sub-schemas (`.meta({ id })`) land in `components.schemas`. */
function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Components): JsonSchema {
  const raw = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  const { $defs, $schema: _dialect, ...root } = raw;
  const defs = isRecord($defs) ? $defs : {};
  const renames = new Map<string, string>();
  for (const [name, def] of Object.entries(defs)) {
    const text = JSON.stringify(def);
    const existing = components.seen.get(name);
    if (existing === undefined) components.seen.set(name, text);
    else if (existing !== text) renames.set(name, io === 'input' ? `${name}Input` : `${name}Output`);
  }
  for (const [name, def] of Object.entries(defs)) {
    const relocated = relocate(def, renames);
    const target = renames.get(name) ?? name;
    if (isRecord(relocated)) components.schemas[target] = relocated;
  }
  const rootSchema = relocate(root, renames);
  return isRecord(rootSchema) ? rootSchema : {};
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query', components: Components) {
  if (!schema) return [];
  const json = toSchema(schema, 'input', components);
  const properties = isRecord(json.properties) ? json.properties : {};
  const required = Array.isArray(json.required) ? json.required : [];
  return Object.entries(properties).map(([name, property]) => {
    const description = isRecord(property) ? property.description : undefined;
    return {
      name,
      in: where,
      required: where === 'path' || required.includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: property,
    };
  });
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid request',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported content type',
  429: 'Too many requests',
  500: 'Unexpected server error',
  503: 'Not ready or overloaded',
};

/** OpenAPI 3.1 document for the given routes, generated from their zod contracts. */
export function buildOpenApi(
  routes: readonly RouteContract[],
  info: OpenApiInfo,
  options: OpenApiOptions = {},
): Record<string, unknown> {
  const components: Components = { schemas: {}, seen: new Map() };
  const errorRef = { $ref: '#/components/schemas/Error' };
  toSchema(errorBodySchema, 'output', components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const status = String(route.status ?? 200);
    const responses: Record<string, unknown> = {};
    if (route.response) {
      responses[status] = {
        description: 'Success',
        content: { 'application/json': { schema: toSchema(route.response, 'output', components) } },
      };
    } else if (route.produces) {
      responses[status] = {
        description: 'Success',
        content: { [route.produces]: { schema: { type: 'string' } } },
      };
    } else {
      responses[status] = { description: 'Success, no content' };
    }
    const bodyErrors = route.body ? [413, 415] : [];
    for (const code of [...new Set([400, ...(route.errors ?? []), ...bodyErrors, 500])].sort(
      (a, b) => a - b,
    )) {
      responses[String(code)] = {
        description: STATUS_TEXT[code] ?? 'Error',
        content: { 'application/json': { schema: errorRef } },
      };
    }
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [...route.tags],
      parameters: [
        ...parametersOf(route.params, 'path', components),
        ...parametersOf(route.query, 'query', components),
      ],
      responses,
    };
    if (route.description) operation.description = route.description;
    if (options.isPublic?.(route)) operation.security = [];
    if (route.body) {
      const optional = route.body.safeParse(undefined).success;
      operation.requestBody = {
        required: !optional,
        content: { 'application/json': { schema: toSchema(route.body, 'input', components) } },
      };
    }
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    ...(options.servers && options.servers.length > 0 ? { servers: options.servers } : {}),
    security: anyCredential,
    paths,
    components: { schemas: components.schemas, securitySchemes },
  };
}
