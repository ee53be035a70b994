import { sameShape } from '../mapping.ts';

/** Webhook v1–v2 share their parameters; v2 only added options. */
export default sameShape('webhook', 'guixu.webhook', 2);
