import { locatorValue, record, sameShape } from '../mapping.ts';

/**
 * n8n's "n8n" node v1 (its own public API) becomes the GuixuFlow node, which
 * calls GuixuFlow's API with a `guixuApi` key: the same resources and
 * operation names (workflow, execution, credential). Ids given as resource
 * locators become plain ids; the `n8nApi` credential slot becomes `guixuApi`
 * (its key must be a GuixuFlow API key). The security audit has no
 * counterpart: that configuration becomes a placeholder.
 */
export default sameShape('n8n', 'guixu.guixuApi', 1, (node, ctx) => {
  const parameters: Record<string, unknown> = { ...node.parameters };
  delete parameters.requestOptions;
  if (parameters.resource === 'audit') {
    return {
      parameters,
      unsupported:
        "n8n's security audit has no GuixuFlow counterpart (see the audit log and docs/security.md)",
    };
  }
  for (const key of ['workflowId', 'executionId', 'credentialId']) {
    if (parameters[key] !== undefined) parameters[key] = locatorValue(parameters[key]);
  }
  const filters = { ...record(parameters.filters) };
  if (filters.workflowId !== undefined) filters.workflowId = locatorValue(filters.workflowId);
  if (Object.keys(filters).length > 0 || parameters.filters !== undefined) parameters.filters = filters;
  ctx.warn(
    'The GuixuFlow node returns GuixuFlow API records: expressions reading n8n-only fields of workflows or executions need a look.',
  );
  return { parameters, credentialSlots: { n8nApi: 'guixuApi' } };
});
