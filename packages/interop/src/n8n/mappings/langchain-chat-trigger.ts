import { langchain } from '../langchain-mapping.ts';

/** Chat Trigger: public or not, and the initial messages. */
export default langchain(
  'chatTrigger',
  'guixu.chatTrigger',
  (node) => {
    const parameters: Record<string, unknown> = { public: node.parameters.public === true };
    if (typeof node.parameters.initialMessages === 'string')
      parameters.initialMessages = node.parameters.initialMessages;
    return parameters;
  },
  { typeVersion: 1.1, parameters: (parameters) => ({ ...parameters }) },
);
