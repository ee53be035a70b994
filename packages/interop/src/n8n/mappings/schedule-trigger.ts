import { sameShape } from '../mapping.ts';

/** n8n's scheduleTrigger has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('scheduleTrigger', 'guixu.scheduleTrigger', 1.2);
