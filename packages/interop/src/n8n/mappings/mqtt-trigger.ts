import { sameShape } from '../mapping.ts';

/** n8n's MQTT Trigger v1; GuixuFlow mirrors its parameters. */
export default sameShape('mqttTrigger', 'guixu.mqttTrigger', 1);
