import { langchain } from '../langchain-mapping.ts';

/** Window Buffer Memory: the session id from the input (`sessionId`) or a custom key, and the window length. */
export default langchain(
  'memoryBufferWindow',
  'guixu.memoryBufferWindow',
  (node) => ({
    sessionId:
      node.parameters.sessionIdType === 'customKey'
        ? String(node.parameters.sessionKey ?? '')
        : '={{ $json.sessionId }}',
    contextWindowLength: node.parameters.contextWindowLength ?? 5,
  }),
  {
    typeVersion: 1.3,
    parameters: ({ sessionId, contextWindowLength }) =>
      sessionId === '={{ $json.sessionId }}'
        ? { sessionIdType: 'fromInput', contextWindowLength }
        : { sessionIdType: 'customKey', sessionKey: sessionId, contextWindowLength },
  },
);
