import { sameShape } from '../mapping.ts';

/** n8n's noOp has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('noOp', 'guixu.noOp', 1);
