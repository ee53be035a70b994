import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testNode, testNodeError } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import rssFeedRead from './rss-feed-read.node.ts';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>News</title>
    <link>https://example.com/</link>
    <item>
      <title>First</title>
      <link>https://example.com/1</link>
      <guid>one</guid>
      <pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate>
      <dc:creator>Ada</dc:creator>
      <category>tech</category>
      <description><![CDATA[<p>Hello <b>world</b></p>]]></description>
      <rating>5</rating>
    </item>
    <item>
      <title>Second</title>
      <link>https://example.com/2</link>
      <guid>two</guid>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Blog</title>
  <entry>
    <title>Atom entry</title>
    <link href="https://example.com/a"/>
    <id>urn:a</id>
    <updated>2026-12-07T09:00:00Z</updated>
    <summary>Short</summary>
  </entry>
</feed>`;

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/rss') response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
    else if (request.url === '/atom')
      response.writeHead(200, { 'content-type': 'application/atom+xml' }).end(ATOM);
    else if (request.url === '/html')
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html>no</html>');
    else response.writeHead(404).end('missing');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Entry shapes follow rss-parser, the parser n8n's RSS Read uses (n8n is not installed here). */
describe('RSS Read', () => {
  it('reads every RSS entry as an item, with custom fields', async () => {
    const result = await testNode(rssFeedRead, {
      parameters: { url: `${base}/rss`, options: { customFields: 'rating' } },
    });
    expect(result.json[0]).toHaveLength(2);
    expect(result.json[0][0]).toMatchObject({
      title: 'First',
      link: 'https://example.com/1',
      guid: 'one',
      pubDate: 'Mon, 07 Dec 2026 08:00:00 GMT',
      isoDate: '2026-12-07T08:00:00.000Z',
      creator: 'Ada',
      'dc:creator': 'Ada',
      categories: ['tech'],
      content: '<p>Hello <b>world</b></p>',
      contentSnippet: 'Hello world',
      rating: '5',
    });
    expect(result.json[0][1]).toMatchObject({ title: 'Second', guid: 'two' });
  });

  it('reads Atom feeds, once per input item', async () => {
    const result = await testNode(rssFeedRead, {
      parameters: { url: `=${base}/{{ $json.path }}` },
      items: [{ path: 'atom' }, { path: 'rss' }],
    });
    expect(result.json[0].map((j) => j.title)).toEqual(['Atom entry', 'First', 'Second']);
    expect(result.json[0][0]).toMatchObject({
      link: 'https://example.com/a',
      id: 'urn:a',
      isoDate: '2026-12-07T09:00:00.000Z',
    });
    expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
  });

  it('fails clearly on a bad URL, an HTTP error or a page that is not a feed', async () => {
    expect((await testNodeError(rssFeedRead, { parameters: { url: 'ftp://x/feed' } })).message).toContain(
      'is not valid',
    );
    expect((await testNodeError(rssFeedRead, { parameters: { url: `${base}/nope` } })).message).toContain(
      'status code 404',
    );
    expect((await testNodeError(rssFeedRead, { parameters: { url: `${base}/html` } })).message).toContain(
      'did not return a feed',
    );
    const kept = await testNode(rssFeedRead, {
      parameters: { url: `${base}/nope` },
      onError: 'continueRegularOutput',
    });
    expect(String(kept.json[0][0].error)).toContain('status code 404');
  });
});
