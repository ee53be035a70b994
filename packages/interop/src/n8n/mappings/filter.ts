import { legacyConditions } from '../legacy-conditions.ts';
import { sameShape } from '../mapping.ts';

/** Filter v1's typed condition lists become v2's filter conditions. */
export default sameShape('filter', 'guixu.filter', 2.2, (node) => {
  if (node.typeVersion >= 2) return { parameters: { ...node.parameters } };
  return {
    parameters: {
      conditions: legacyConditions(
        node.parameters.conditions,
        node.parameters.combineConditions === 'OR' ? 'any' : 'all',
      ),
      looseTypeValidation: true,
      options: {},
    },
  };
});
