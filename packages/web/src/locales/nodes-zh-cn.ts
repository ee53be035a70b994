import type { NodeTextTable } from './node-text.ts';
import { nodesZhCNAi } from './nodes-zh-cn/ai.ts';
import { nodesZhCNIntegrations } from './nodes-zh-cn/integrations.ts';
import { nodesZhCNFilesAndWeb } from './nodes-zh-cn/files-and-web.ts';
import { nodesZhCNFlow } from './nodes-zh-cn/flow.ts';
import { nodesZhCNData } from './nodes-zh-cn/data.ts';

/**
 * 简体中文 for the built-in node types: names, descriptions, parameter labels, descriptions,
 * placeholders and option labels (by option value), and port labels. Keyed by node type, then by
 * parameter path (nested fields joined with dots). Text left out shows in English; a node type or
 * parameter without a label here fails node-text.test.ts. Product and protocol names stay as they are.
 *
 * One file a group of nodes (nodes-zh-cn/); a node type appears in one of them.
 */
export const nodesZhCN: NodeTextTable = {
  ...nodesZhCNAi,
  ...nodesZhCNIntegrations,
  ...nodesZhCNFilesAndWeb,
  ...nodesZhCNFlow,
  ...nodesZhCNData,
};
