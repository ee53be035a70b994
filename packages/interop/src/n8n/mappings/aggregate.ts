import { sameShape } from '../mapping.ts';

/** n8n's aggregate has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('aggregate', 'guixu.aggregate', 1);
