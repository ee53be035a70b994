import { sameShape } from '../mapping.ts';

/**
 * Split In Batches v1–v2 had one output that emitted each batch and nothing when
 * done; v3 (Loop Over Items) has `done` (0) and `loop` (1). Old workflows test
 * `$node["…"].context["noItemsLeft"]` in an IF to stop, which Loop Over Items keeps providing.
 */
export default sameShape('splitInBatches', 'guixu.loopOverItems', 3, (node, ctx) => {
  if (node.typeVersion >= 3) return { parameters: { ...node.parameters } };
  ctx.warn(
    'Split In Batches v1/v2 became Loop Over Items: its batches now leave by the "loop" output; its "done" output (all processed items) is new and free to use.',
  );
  return {
    parameters: { batchSize: node.parameters.batchSize ?? 10, options: node.parameters.options ?? {} },
    outputs: (index) => (index === 0 ? [1] : []),
  };
});
