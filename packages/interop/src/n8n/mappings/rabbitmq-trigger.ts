import { sameShape } from '../mapping.ts';

/** n8n's RabbitMQ Trigger v1; "Specified Later in Workflow" acknowledges like "Execution Finishes Successfully". */
export default sameShape('rabbitmqTrigger', 'guixu.rabbitmqTrigger', 1);
