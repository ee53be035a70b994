import { defineNode, GuixuError, type Item, type JsonObject, NodeOperationError, p } from '@guixu/core';
import { Agent, fetch } from 'undici';
import { maxFileBytes, tooLarge } from '../shared/file-limits.ts';
import { type FeedEntry, parseFeed } from './parse-feed.ts';

/**
 * RSS Read, parameters as n8n's RSS Feed Read v1.2 (url; options ignoreSSL,
 * customFields). Each entry of an RSS (0.9x, 1.0, 2.0) or Atom feed becomes one
 * item shaped as rss-parser (n8n's parser) gives it (parse-feed.ts: title, link,
 * pubDate, content, contentSnippet, guid, isoDate, creator, categories…). The feed is
 * fetched here (undici) with the execution's cancel signal and the file nodes'
 * size limit. Runs once per input item (n8n v1.1+; v1 read only the first).
 */

const insecureAgent = new Agent({ connect: { rejectUnauthorized: false } });

function fail(node: string, message: string, itemIndex: number, description?: string): never {
  throw new NodeOperationError(node, message, {
    parameter: 'url',
    details: { itemIndex },
    ...(description ? { description } : {}),
  });
}

async function readFeed(
  url: string,
  ignoreSSL: boolean,
  signal: AbortSignal,
  limit: number,
  node: string,
  itemIndex: number,
): Promise<string> {
  let response: Awaited<ReturnType<typeof fetch>>;
  try {
    response = await fetch(url, {
      signal,
      headers: {
        accept: 'application/rss+xml, application/atom+xml, application/xml, text/xml;q=0.9, */*;q=0.8',
      },
      ...(ignoreSSL ? { dispatcher: insecureAgent } : {}),
    });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    fail(node, `It was not possible to connect to the URL "${url}": ${cause}`, itemIndex);
  }
  if (!response.ok) {
    await response.body?.cancel();
    fail(node, `The feed answered with status code ${response.status}`, itemIndex);
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    throw tooLarge('The feed', limit, 'url', itemIndex);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > limit) throw tooLarge('The feed', limit, 'url', itemIndex);
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

export default defineNode({
  type: 'guixu.rssFeedRead',
  version: 1,
  displayName: 'RSS Read',
  description: 'Reads the entries of an RSS or Atom feed.',
  group: 'data',
  icon: 'rss',
  defaultName: 'RSS Read',
  inputs: ['main'],
  outputs: ['main'],
  params: {
    url: p.string({
      label: 'URL',
      description: 'URL of the RSS or Atom feed',
      placeholder: 'https://example.com/feed.xml',
      required: true,
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        customFields: p.string({
          label: 'Custom fields',
          description: 'Comma-separated extra entry fields to include, e.g. "author, contributor"',
          default: '',
        }),
        ignoreSSL: p.boolean({
          label: 'Ignore SSL issues',
          description: 'Whether to read the feed even when its TLS certificate cannot be verified',
          default: false,
        }),
      },
    }),
  },
  docs: `Fetches an RSS (0.9–2.0) or Atom feed and outputs one item per entry, parsed into the fields rss-parser (n8n's parser) gives: \`title\`, \`link\`, \`pubDate\`, \`isoDate\`, \`content\`, \`contentSnippet\`, \`guid\`, \`creator\`, \`categories\`… as the feed has them. "Custom fields" adds other entry elements by name. Runs once per input item. The feed may be at most GUIXU_FILE_NODES_MAX_MB (default 256 MB).`,
  async run(ctx) {
    const out: Item[] = [];
    const limit = maxFileBytes(ctx);
    for (let itemIndex = 0; itemIndex < ctx.items.length; itemIndex++) {
      try {
        const { url, options } = ctx.params(itemIndex);
        const target = url.trim();
        if (target === '') fail(ctx.node.name, 'The parameter "URL" has to be set', itemIndex);
        let parsed: URL | undefined;
        try {
          parsed = new URL(target);
        } catch {
          parsed = undefined;
        }
        if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
          fail(
            ctx.node.name,
            `The URL "${target}" is not valid`,
            itemIndex,
            'Use an http:// or https:// URL.',
          );
        }
        const xml = await readFeed(
          target,
          options.ignoreSSL === true,
          ctx.signal,
          limit,
          ctx.node.name,
          itemIndex,
        );
        const custom = String(options.customFields ?? '')
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean);
        let entries: FeedEntry[];
        try {
          entries = parseFeed(xml, custom);
        } catch (error) {
          fail(
            ctx.node.name,
            `The URL "${target}" did not return a feed that can be read: ${error instanceof Error ? error.message : String(error)}`,
            itemIndex,
          );
        }
        for (const entry of entries) {
          out.push({
            json: JSON.parse(JSON.stringify(entry)) as JsonObject,
            pairedItem: { item: itemIndex },
          });
        }
      } catch (error) {
        if (!ctx.continueOnFail() || !(error instanceof GuixuError) || ctx.signal.aborted) throw error;
        out.push({ json: { error: error.message }, pairedItem: { item: itemIndex } });
      }
    }
    return [out];
  },
});
