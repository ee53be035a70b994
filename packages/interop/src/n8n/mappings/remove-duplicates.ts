import { sameShape } from '../mapping.ts';

/** v2 only added an `operation` whose default is v1's behaviour. */
export default sameShape('removeDuplicates', 'guixu.removeDuplicates', 2);
