import { sameShape } from '../mapping.ts';

/** n8n's crypto has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('crypto', 'guixu.crypto', 1);
