import { sameShape } from '../mapping.ts';

/** n8n's splitOut has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('splitOut', 'guixu.splitOut', 1);
