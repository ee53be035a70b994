/**
 * GuixuFlow: the instance's own REST API as a node (n8n's "n8n" node):
 * workflows, executions and credentials, through an API key. The key's user
 * and scopes bound what it can reach, exactly as for any API client.
 */
import { defineNode, type Item, type JsonObject, NodeOperationError, p } from '@guixu/core';
import { nodeCredential } from '../shared/credential-error.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import { guixuApi } from './guixu-api-client.ts';
import guixuApiCredential from './guixu-api.credentials.ts';

type Resource = 'workflow' | 'execution' | 'credential';

/** Operations each resource offers (n8n's names). */
export const OPERATIONS: Record<Resource, readonly string[]> = {
  workflow: ['activate', 'create', 'deactivate', 'delete', 'get', 'getAll', 'update'],
  execution: ['delete', 'get', 'getAll'],
  credential: ['create', 'delete', 'getSchema'],
};

const on = (resource: Resource, ...operation: string[]) => ({
  show: { resource: [resource], operation },
});

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON parameter as an object, or a node error naming it. */
function objectParam(value: unknown, node: string, parameter: string, itemIndex: number): JsonObject {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new NodeOperationError(node, `"${parameter}" is not valid JSON: ${(error as Error).message}`, {
        parameter,
        details: { itemIndex },
      });
    }
  }
  if (!isObject(parsed)) {
    throw new NodeOperationError(node, `"${parameter}" must be a JSON object`, {
      parameter,
      details: { itemIndex },
    });
  }
  return parsed;
}

function required(value: string, node: string, parameter: string, label: string, itemIndex: number): string {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new NodeOperationError(node, `${label} is empty`, { parameter, details: { itemIndex } });
  }
  return encodeURIComponent(trimmed);
}

export default defineNode({
  type: 'guixu.guixuApi',
  version: 1,
  displayName: 'GuixuFlow',
  description:
    'Lists, reads, creates, activates and deletes workflows, executions and credentials of a GuixuFlow instance.',
  group: 'action',
  icon: 'workflow',
  defaultName: 'GuixuFlow',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'guixuApi', required: true }],
  docs: [
    "Calls a GuixuFlow instance's REST API (this one or another) with an API key: the key's user and",
    'scopes decide what the node may see and change, as for any API client.',
    'Workflow: get, get many (filters: active, tag, name, project), create (from a GuixuFlow, n8n or Dify',
    'document: it is imported, and the output carries the import report), update (the document is',
    'converted the same way, then saved as a new version), activate, deactivate, delete (soft: it can be',
    'restored). Execution: get (with or without its run data), get many (filters: workflow, status),',
    'delete. Credential: create (data is encrypted by the server and never returned), delete, get schema',
    '(the fields of a credential type). "Get many" emits one item per record.',
  ].join('\n'),
  params: {
    resource: p.options({
      label: 'Resource',
      options: [
        { value: 'workflow', label: 'Workflow' },
        { value: 'execution', label: 'Execution' },
        { value: 'credential', label: 'Credential' },
      ],
      default: 'workflow',
    }),
    operation: p.options({
      label: 'Operation',
      options: [
        { value: 'getAll', label: 'Get Many' },
        { value: 'get', label: 'Get' },
        { value: 'create', label: 'Create' },
        { value: 'update', label: 'Update' },
        { value: 'activate', label: 'Activate' },
        { value: 'deactivate', label: 'Deactivate' },
        { value: 'delete', label: 'Delete' },
        { value: 'getSchema', label: 'Get Schema' },
      ],
      default: 'getAll',
    }),
    workflowId: p.string({
      label: 'Workflow ID',
      required: true,
      displayOptions: on('workflow', 'activate', 'deactivate', 'delete', 'get', 'update'),
    }),
    workflowObject: p.json({
      label: 'Workflow Object',
      description: 'A GuixuFlow, n8n or Dify workflow document',
      default: '{ "name": "My workflow", "nodes": [], "connections": {}, "settings": {} }',
      displayOptions: on('workflow', 'create', 'update'),
    }),
    executionId: p.string({
      label: 'Execution ID',
      required: true,
      displayOptions: on('execution', 'get', 'delete'),
    }),
    credentialId: p.string({
      label: 'Credential ID',
      required: true,
      displayOptions: on('credential', 'delete'),
    }),
    name: p.string({
      label: 'Name',
      required: true,
      description: 'The name of the new credential',
      displayOptions: on('credential', 'create'),
    }),
    credentialTypeName: p.string({
      label: 'Credential Type',
      required: true,
      placeholder: 'httpHeaderAuth',
      description: 'The credential type name (GET /api/v1/credential-types lists them)',
      displayOptions: on('credential', 'create', 'getSchema'),
    }),
    data: p.json({
      label: 'Data',
      description: 'The credential fields as JSON (see "Get Schema")',
      default: '{}',
      displayOptions: on('credential', 'create'),
    }),
    projectId: p.string({
      label: 'Project ID',
      description: "The project to create it in; empty: the key's user's personal project",
      displayOptions: { show: { resource: ['workflow', 'credential'], operation: ['create'] } },
    }),
    returnAll: p.boolean({
      label: 'Return All',
      displayOptions: { show: { operation: ['getAll'] } },
    }),
    limit: p.number({
      label: 'Limit',
      default: 100,
      min: 1,
      displayOptions: { show: { operation: ['getAll'], returnAll: [false] } },
    }),
    filters: p.collection({
      label: 'Filters',
      displayOptions: { show: { operation: ['getAll'] } },
      fields: {
        activeWorkflows: p.boolean({ label: 'Return Only Active Workflows', default: true }),
        tags: p.string({ label: 'Tag', description: 'Workflows with this tag (name or id)' }),
        name: p.string({ label: 'Name', description: 'Workflows whose name contains this text' }),
        projectId: p.string({ label: 'Project ID' }),
        workflowId: p.string({ label: 'Workflow ID', description: 'Executions of this workflow' }),
        status: p.options({
          label: 'Status',
          options: [
            { value: '', label: 'Any' },
            { value: 'success', label: 'Success' },
            { value: 'error', label: 'Error' },
            { value: 'running', label: 'Running' },
            { value: 'waiting', label: 'Waiting' },
            { value: 'canceled', label: 'Canceled' },
          ],
          default: '',
        }),
      },
    }),
    options: p.collection({
      label: 'Options',
      displayOptions: { show: { resource: ['execution'], operation: ['get', 'getAll'] } },
      fields: {
        activeWorkflows: p.boolean({
          label: 'Include Execution Details',
          description: "Include each execution's run data",
        }),
      },
    }),
  },
  async run(ctx) {
    const node = ctx.node.name;
    const credential = nodeCredential(guixuApiCredential, await ctx.credentials('guixuApi'), node);
    const items = await mapItemsAsync(ctx, async (_item, itemIndex): Promise<Item[]> => {
      const params = ctx.params(itemIndex);
      const resource = params.resource as Resource;
      if (!OPERATIONS[resource].includes(params.operation)) {
        throw new NodeOperationError(
          node,
          `The operation "${params.operation}" does not apply to ${resource}s: use one of ${OPERATIONS[resource].join(', ')}`,
          { parameter: 'operation', details: { itemIndex } },
        );
      }
      const api = guixuApi(credential, node, ctx.signal, itemIndex);
      const out = (value: unknown): Item[] =>
        (Array.isArray(value) ? value : [value])
          .filter(isObject)
          .map((json) => ({ json, pairedItem: { item: itemIndex } }));
      const id = (value: string, parameter: string, label: string) =>
        required(value, node, parameter, label, itemIndex);
      const filters = params.filters;
      const withDetails = params.options.activeWorkflows === true;
      const projectId = params.projectId.trim() || undefined;

      if (resource === 'workflow') {
        const path = `/api/v1/workflows/${params.operation === 'getAll' || params.operation === 'create' ? '' : id(params.workflowId, 'workflowId', 'Workflow ID')}`;
        switch (params.operation) {
          case 'getAll':
            return out(
              await api.list(
                '/api/v1/workflows',
                {
                  active: filters.activeWorkflows === undefined ? undefined : filters.activeWorkflows,
                  tag: filters.tags,
                  name: filters.name,
                  projectId: filters.projectId,
                },
                params.returnAll,
                params.limit,
              ),
            );
          case 'get':
            return out(await api.request('GET', path));
          case 'activate':
          case 'deactivate':
            return out(await api.request('POST', `${path}/${params.operation}`));
          case 'delete':
            await api.request('DELETE', path);
            return out({ id: params.workflowId.trim(), deleted: true });
          case 'create': {
            const document = objectParam(params.workflowObject, node, 'workflowObject', itemIndex);
            const imported = (await api.request('POST', '/api/v1/workflows/import', {
              body: { workflow: document, ...(projectId ? { projectId } : {}) },
            })) as JsonObject;
            const workflow = isObject(imported.workflow) ? imported.workflow : imported;
            return out({
              ...workflow,
              importWarnings: imported.warnings ?? [],
              importReport: imported.report ?? null,
            });
          }
          default: {
            const document = objectParam(params.workflowObject, node, 'workflowObject', itemIndex);
            const converted = (await api.request('POST', '/api/v1/workflows/convert', {
              body: { workflow: document },
            })) as JsonObject;
            const workflow = isObject(converted.workflow) ? converted.workflow : {};
            const patch: JsonObject = {};
            for (const key of ['name', 'nodes', 'connections', 'settings', 'pinData'] as const) {
              if (workflow[key] !== undefined && (key !== 'name' || document.name !== undefined)) {
                patch[key] = workflow[key];
              }
            }
            return out(await api.request('PATCH', path, { body: patch }));
          }
        }
      }

      if (resource === 'execution') {
        if (params.operation === 'getAll') {
          const found = await api.list(
            '/api/v1/executions',
            { workflowId: filters.workflowId, status: filters.status },
            params.returnAll,
            params.limit,
          );
          if (!withDetails) return out(found);
          const detailed: unknown[] = [];
          for (const summary of found.filter(isObject)) {
            detailed.push(
              await api.request('GET', `/api/v1/executions/${encodeURIComponent(String(summary.id))}`),
            );
          }
          return out(detailed);
        }
        const path = `/api/v1/executions/${id(params.executionId, 'executionId', 'Execution ID')}`;
        if (params.operation === 'delete') {
          await api.request('DELETE', path);
          return out({ id: params.executionId.trim(), deleted: true });
        }
        const execution = (await api.request('GET', path)) as JsonObject;
        if (withDetails) return out(execution);
        const { runData: _runData, ...summary } = execution;
        return out(summary);
      }

      // credential
      if (params.operation === 'delete') {
        await api.request(
          'DELETE',
          `/api/v1/credentials/${id(params.credentialId, 'credentialId', 'Credential ID')}`,
        );
        return out({ id: params.credentialId.trim(), deleted: true });
      }
      const typeName = params.credentialTypeName.trim();
      if (typeName === '') {
        throw new NodeOperationError(node, 'Credential Type is empty', {
          parameter: 'credentialTypeName',
          details: { itemIndex },
        });
      }
      if (params.operation === 'getSchema') {
        const types = (await api.request('GET', '/api/v1/credential-types')) as { data?: unknown[] };
        const type = (types.data ?? []).filter(isObject).find((t) => t.name === typeName);
        if (!type) {
          throw new NodeOperationError(node, `GuixuFlow has no credential type "${typeName}"`, {
            parameter: 'credentialTypeName',
            details: { itemIndex },
          });
        }
        return out(type);
      }
      return out(
        await api.request('POST', '/api/v1/credentials', {
          body: {
            name: params.name,
            type: typeName,
            data: objectParam(params.data, node, 'data', itemIndex),
            ...(projectId ? { projectId } : {}),
          },
        }),
      );
    });
    return [items];
  },
});
