// A tiny HTTP server the parity workflows call (fixed port, so recorded workflows and
// tests use the same URL). It answers with what it received, without volatile headers.
import { createServer } from 'node:http';

export const ECHO_PORT = 38717;

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Parity news</title>
    <link>https://example.com/</link>
    <description>Feed for the parity workflows</description>
    <item>
      <title>First</title>
      <link>https://example.com/1</link>
      <guid isPermaLink="false">one</guid>
      <pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate>
      <dc:creator>Ada</dc:creator>
      <category>tech</category>
      <category>news</category>
      <description><![CDATA[<p>Hello <b>world</b></p>]]></description>
      <content:encoded><![CDATA[<div>Full <i>text</i></div>]]></content:encoded>
      <rating>5</rating>
      <enclosure url="https://example.com/1.mp3" length="123" type="audio/mpeg"/>
    </item>
    <item>
      <title>Second</title>
      <link>https://example.com/2</link>
      <guid>two</guid>
      <comments>https://example.com/2#comments</comments>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Parity blog</title>
  <id>urn:blog</id>
  <updated>2026-12-07T09:00:00Z</updated>
  <entry>
    <title>Atom entry</title>
    <link href="https://example.com/a"/>
    <id>urn:a</id>
    <updated>2026-12-07T09:00:00Z</updated>
    <published>2026-12-06T09:00:00Z</published>
    <author><name>Lin</name></author>
    <summary>Short</summary>
    <content type="html">&lt;p&gt;Long&lt;/p&gt;</content>
  </entry>
</feed>`;

export function startEchoServer(port = ECHO_PORT) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname === '/text') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`plain text for ${url.searchParams.get('who') ?? 'nobody'}`);
        return;
      }
      const status = url.pathname.match(/^\/status\/(\d{3})$/);
      if (status) {
        res.writeHead(Number(status[1]), { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `answered ${status[1]}`, method: req.method }));
        return;
      }
      if (url.pathname === '/rss' || url.pathname === '/atom') {
        res.writeHead(200, { 'content-type': `application/${url.pathname.slice(1)}+xml` });
        res.end(url.pathname === '/rss' ? RSS : ATOM);
        return;
      }
      if (url.pathname === '/json-as-text') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('{"kind":"json in a text response","n":1}');
        return;
      }
      if (url.pathname === '/list') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify([{ n: 1 }, { n: 2 }]));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          method: req.method,
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          contentType: (req.headers['content-type'] ?? '').split(';')[0],
          xTest: req.headers['x-test'] ?? null,
          authorization: req.headers.authorization ?? null,
          body,
        }),
      );
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
