import { p } from '@guixu/core';

/** n8n's "Arguments" and "Headers" option shapes (`{ argument: [{ key, value }] }`), shared by both RabbitMQ nodes. */
const keyValue = {
  key: p.string({ label: 'Key' }),
  value: p.string({ label: 'Value' }),
};

export const argumentsOption = p.collection({
  label: 'Arguments',
  description: 'Arguments to add (queue or exchange arguments, e.g. x-message-ttl)',
  fields: { argument: p.list({ label: 'Argument', addLabel: 'Add Argument', fields: keyValue }) },
});

export const headersOption = p.collection({
  label: 'Headers',
  description: 'Headers to add',
  fields: { header: p.list({ label: 'Header', addLabel: 'Add Header', fields: keyValue }) },
});

export const queueOptions = {
  autoDelete: p.boolean({
    label: 'Auto Delete Queue',
    description: 'Whether the queue will be deleted when the number of consumers drops to zero',
    default: false,
  }),
  assertExchange: p.boolean({
    label: 'Assert Exchange',
    description: 'Whether to assert the exchange exists before sending',
    default: true,
  }),
  assertQueue: p.boolean({
    label: 'Assert Queue',
    description: 'Whether to assert the queue exists before sending',
    default: true,
  }),
  durable: p.boolean({
    label: 'Durable',
    description: 'Whether the queue will survive broker restarts',
    default: true,
  }),
  exclusive: p.boolean({
    label: 'Exclusive',
    description: 'Whether to scope the queue to the connection',
    default: false,
  }),
};
