import { sameShape } from '../mapping.ts';

/** n8n's summarize has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('summarize', 'guixu.summarize', 1.1);
