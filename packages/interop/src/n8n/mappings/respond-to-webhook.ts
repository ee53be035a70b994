import { sameShape } from '../mapping.ts';

/** n8n's respondToWebhook has one parameter shape across its versions; GuixuFlow mirrors it. */
export default sameShape('respondToWebhook', 'guixu.respondToWebhook', 1.1);
