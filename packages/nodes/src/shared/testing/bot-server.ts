import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotRequest {
  url: URL;
  body: Record<string, unknown>;
}

/**
 * A local stand-in for a group-bot webhook (Lark, DingTalk, WeCom): it records
 * each POST and answers with what `answer` returns, checking what the real
 * platform checks.
 */
export async function startBotServer(answer: (request: BotRequest) => Record<string, unknown>) {
  const received: BotRequest[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(Buffer.from(chunk));
    const request = {
      url: new URL(req.url ?? '/', 'http://127.0.0.1'),
      body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
    };
    received.push(request);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(request)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
