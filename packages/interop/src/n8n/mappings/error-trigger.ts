import { sameShape } from '../mapping.ts';

/** n8n's errorTrigger has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('errorTrigger', 'guixu.errorTrigger', 1);
