import {
  langchain,
  outputParserFlag,
  outputParserToN8n,
  promptOf,
  promptToN8n,
} from '../langchain-mapping.ts';
import { record } from '../mapping.ts';

/** AI Agent (tools agent, v1.x–2.x): prompt, system message, max iterations and the output parser flag. */
export default langchain(
  'agent',
  'guixu.agent',
  (node) => {
    const options = record(node.parameters.options);
    const parameters: Record<string, unknown> = {
      prompt: promptOf(node.parameters),
      ...outputParserFlag(node.parameters),
    };
    if (typeof options.systemMessage === 'string') parameters.systemMessage = options.systemMessage;
    if (options.maxIterations !== undefined) parameters.maxIterations = options.maxIterations;
    return parameters;
  },
  {
    typeVersion: 1.7,
    parameters: ({ prompt, systemMessage, maxIterations, hasOutputParser }) => ({
      ...promptToN8n(prompt),
      ...outputParserToN8n(hasOutputParser),
      options: {
        ...(systemMessage !== undefined ? { systemMessage } : {}),
        ...(maxIterations !== undefined ? { maxIterations } : {}),
      },
    }),
  },
);
