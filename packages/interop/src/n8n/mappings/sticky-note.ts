import { sameShape } from '../mapping.ts';

/** n8n's stickyNote has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('stickyNote', 'guixu.stickyNote', 1);
