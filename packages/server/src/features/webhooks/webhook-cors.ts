import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebhookEntry } from './webhook-entry.ts';

/** The allowed origin to echo for this request, or undefined when the origin is not allowed. */
function allowedOrigin(request: FastifyRequest, entry: WebhookEntry): string | undefined {
  const origin = request.headers.origin;
  const allowed = entry.options.allowedOrigins;
  if (allowed.includes('*')) return origin ?? '*';
  return origin !== undefined && allowed.includes(origin) ? origin : undefined;
}

/** CORS headers on a webhook answer, per the node's "Allowed origins" option. */
export function applyCors(request: FastifyRequest, reply: FastifyReply, entry: WebhookEntry): void {
  if (request.headers.origin === undefined) return;
  const origin = allowedOrigin(request, entry);
  if (origin === undefined) return;
  reply.header('access-control-allow-origin', origin);
  if (origin !== '*') reply.header('vary', 'Origin');
}

/** Answers a browser's preflight: 204 with the methods this path answers, or without CORS headers if refused. */
export function preflight(
  request: FastifyRequest,
  reply: FastifyReply,
  entry: WebhookEntry,
  methods: readonly string[],
): FastifyReply {
  const origin = allowedOrigin(request, entry);
  if (origin !== undefined) {
    reply.header('access-control-allow-origin', origin);
    if (origin !== '*') reply.header('vary', 'Origin');
    reply.header('access-control-allow-methods', [...methods, 'OPTIONS'].join(', '));
    const asked = request.headers['access-control-request-headers'];
    if (typeof asked === 'string' && asked.trim() !== '') reply.header('access-control-allow-headers', asked);
    reply.header('access-control-max-age', '300');
  }
  return reply.status(204).send();
}

// Link previewers, crawlers and monitors (the user agents n8n's "Ignore bots" option refuses, via isbot).
const BOT =
  /bot\b|bot[/_-]|crawl|spider|slurp|facebookexternalhit|embedly|quora link preview|outbrain|pinterest|vkshare|w3c_validator|whatsapp|skypeuripreview|preview|headlesschrome|lighthouse|curl-monitor|uptime|pingdom|validator|feedfetcher|mediapartners|ia_archiver|python-requests\/.*bot/i;

export function isBot(userAgent: string | undefined): boolean {
  return userAgent !== undefined && BOT.test(userAgent);
}

/** `ipWhitelist` lists exact addresses; IPv4-mapped IPv6 (`::ffff:1.2.3.4`) counts as the IPv4 address. */
export function ipAllowed(entry: WebhookEntry, ip: string): boolean {
  const list = entry.options.ipWhitelist;
  if (list.length === 0) return true;
  const plain = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return list.includes(ip) || list.includes(plain);
}
