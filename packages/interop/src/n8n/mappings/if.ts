import { legacyConditions } from '../legacy-conditions.ts';
import { sameShape } from '../mapping.ts';

/** IF v1's typed condition lists become v2's filter conditions; outputs stay true (0) / false (1). */
export default sameShape('if', 'guixu.if', 2.2, (node) => {
  if (node.typeVersion >= 2) {
    const parameters = { ...node.parameters };
    // The editor saves an emptied expression toggle as "=", which n8n reads as false.
    if (parameters.looseTypeValidation === '=') parameters.looseTypeValidation = false;
    return { parameters };
  }
  return {
    parameters: {
      conditions: legacyConditions(node.parameters.conditions, node.parameters.combineOperation),
      looseTypeValidation: true,
      options: {},
    },
  };
});
