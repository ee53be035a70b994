import { sameShape } from '../mapping.ts';

/**
 * Split In Batches v1–v2 had one output that emitted each batch and nothing when
 * done; v3 (Loop Over Items) has `done` (0) and `loop` (1). Old workflows tested
 * `$node["…"].context["noItemsLeft"]` in an IF to stop; that expression is reported.
 */
export default sameShape('splitInBatches', 'guixu.loopOverItems', 3, (node, ctx) => {
  if (node.typeVersion >= 3) return { parameters: { ...node.parameters } };
  ctx.warn(
    'Split In Batches v1/v2 became Loop Over Items: its batches now leave by the "loop" output; connect the "done" output where the workflow should continue after the last batch.',
  );
  return {
    parameters: { batchSize: node.parameters.batchSize ?? 10, options: node.parameters.options ?? {} },
    outputs: (index) => (index === 0 ? [1] : []),
  };
});
