import { sameShape } from '../mapping.ts';

/** Code v1 was JavaScript only; v2 added `language`. */
export default sameShape('code', 'guixu.code', 2, (node) => {
  const parameters = { ...node.parameters };
  if (node.typeVersion < 2) parameters.language = 'javaScript';
  return { parameters };
});
