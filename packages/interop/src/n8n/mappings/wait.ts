import { sameShape } from '../mapping.ts';

/** Wait v1 waited 1 hour by default; v1.1 (mirrored by GuixuFlow) changed the defaults. */
export default sameShape('wait', 'guixu.wait', 1.1, (node) => {
  const parameters = { ...node.parameters };
  if (node.typeVersion < 1.1) {
    const resume = parameters.resume ?? 'timeInterval';
    if (resume === 'timeInterval') {
      parameters.amount ??= 1;
      parameters.unit ??= 'hours';
    }
  }
  return { parameters };
});
