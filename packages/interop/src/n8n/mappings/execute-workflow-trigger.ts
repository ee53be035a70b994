import { sameShape } from '../mapping.ts';

/** v1 had no parameters and passed the caller's items through; v1.1 defaults to declared inputs. */
export default sameShape('executeWorkflowTrigger', 'guixu.executeWorkflowTrigger', 1.1, (node) =>
  node.typeVersion < 1.1
    ? { parameters: { ...node.parameters, inputSource: 'passthrough' } }
    : { parameters: { ...node.parameters } },
);
