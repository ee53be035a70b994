import { AI_NOT_YET, notYet, records, text } from '../dify-mapping.ts';

/** Each class is an output (its id is the edge handle), in the order the classes are listed. */
export default notYet('question-classifier', AI_NOT_YET, (node, handle) => {
  const index = records(node.data.classes).findIndex((c) => text(c.id) === handle);
  return index >= 0 ? index : undefined;
});
