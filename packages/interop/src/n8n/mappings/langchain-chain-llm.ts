import {
  langchain,
  outputParserFlag,
  outputParserToN8n,
  promptOf,
  promptToN8n,
} from '../langchain-mapping.ts';
import { entries, record } from '../mapping.ts';

/** Basic LLM Chain: prompt, the first system message of its message list, the output parser flag. */
export default langchain(
  'chainLlm',
  'guixu.chainLlm',
  (node) => {
    const parameters: Record<string, unknown> = {
      prompt: promptOf(node.parameters),
      ...outputParserFlag(node.parameters),
    };
    const system = entries(record(node.parameters.messages), 'messageValues').find(
      (m) => m.type === 'SystemMessagePromptTemplate' || m.type === undefined,
    );
    if (typeof system?.message === 'string') parameters.systemMessage = system.message;
    return parameters;
  },
  {
    typeVersion: 1.5,
    parameters: ({ prompt, systemMessage, hasOutputParser }) => ({
      ...promptToN8n(prompt),
      ...outputParserToN8n(hasOutputParser),
      ...(systemMessage !== undefined
        ? { messages: { messageValues: [{ type: 'SystemMessagePromptTemplate', message: systemMessage }] } }
        : {}),
    }),
  },
);
