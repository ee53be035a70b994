import { sameShape } from '../mapping.ts';

/** n8n's MQTT v1; GuixuFlow mirrors its parameters. */
export default sameShape('mqtt', 'guixu.mqtt', 1);
