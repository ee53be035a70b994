import { sameShape } from '../mapping.ts';
import { fromV1, fromV2 } from '../sql-legacy.ts';

/** MySQL v1 (comma-separated columns, `updateKey`) and v2.0–2.1 (`dataMode`) become v2.5's shape. */
export default sameShape('mySql', 'guixu.mySql', 2.5, (node, ctx) => ({
  parameters: node.typeVersion < 2 ? fromV1(node.parameters, ctx) : fromV2(node.parameters),
}));
