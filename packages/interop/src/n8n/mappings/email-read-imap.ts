import { sameShape } from '../mapping.ts';

/** n8n's Email Trigger (IMAP) keeps one parameter shape across v1–v2.1; GuixuFlow mirrors it. */
export default sameShape('emailReadImap', 'guixu.emailReadImap', 2.1);
