import { sameShape } from '../mapping.ts';

/** n8n's stopAndError has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('stopAndError', 'guixu.stopAndError', 1);
