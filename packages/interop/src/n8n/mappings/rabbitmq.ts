import { sameShape } from '../mapping.ts';

/** n8n's RabbitMQ v1 and v1.1 share their parameters (v1.1 only shows the operation); GuixuFlow mirrors them. */
export default sameShape('rabbitmq', 'guixu.rabbitmq', 1.1);
