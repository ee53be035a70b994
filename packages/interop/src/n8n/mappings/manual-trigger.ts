import { sameShape } from '../mapping.ts';

/** n8n's manualTrigger has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('manualTrigger', 'guixu.manualTrigger', 1);
