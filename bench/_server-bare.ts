// The HTTP ceiling for bench/server.ts: a bare Fastify route doing the same
// JSON transform as the Webhook → Set workflow. Prints its URL on stdout.
import Fastify from 'fastify';
import { z } from 'zod';

const body = z.object({ name: z.string() }).loose();
const app = Fastify({ logger: false });
app.post('/webhook/bench', async (request) => {
  const parsed = body.safeParse(request.body);
  return { greeting: `Hello ${parsed.success ? parsed.data.name : ''}` };
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${url}\n`);
process.on('SIGTERM', () => {
  app.close().then(() => process.exit(0));
});
