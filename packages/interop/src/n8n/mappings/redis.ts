import { sameShape } from '../mapping.ts';

/** n8n's Redis has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('redis', 'guixu.redis', 1);
