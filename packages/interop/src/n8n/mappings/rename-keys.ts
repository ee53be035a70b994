import { sameShape } from '../mapping.ts';

/** n8n's renameKeys has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('renameKeys', 'guixu.renameKeys', 1);
