import { sameShape } from '../mapping.ts';

/** n8n's limit has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('limit', 'guixu.limit', 1);
