import { sameShape } from '../mapping.ts';

/** n8n's sort has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('sort', 'guixu.sort', 1);
