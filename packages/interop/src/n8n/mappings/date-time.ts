import { sameShape } from '../mapping.ts';

/** n8n's dateTime has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('dateTime', 'guixu.dateTime', 2);
