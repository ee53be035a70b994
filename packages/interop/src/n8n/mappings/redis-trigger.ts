import { sameShape } from '../mapping.ts';

/** n8n's Redis Trigger v1 (pub/sub channels); GuixuFlow's adds stream entries behind "Trigger On", default pub/sub. */
export default sameShape('redisTrigger', 'guixu.redisTrigger', 1);
