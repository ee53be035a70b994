import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * RSS (0.9x, 1.0, 2.0) and Atom entries parsed with fast-xml-parser into the shape
 * rss-parser gives them (the parser behind n8n's RSS Read): rss-parser itself
 * cannot load in GuixuFlow's hardened processes (its xml2js assigns `constructor`
 * on frozen prototypes). Fields as rss-parser: title, link, pubDate, author,
 * content:encoded (+ Snippet), enclosure, dc:creator, dc:date, comments, then
 * content/contentSnippet, guid, categories, creator and isoDate (RSS); title, link,
 * pubDate, author, content/contentSnippet, summary, id and isoDate (Atom).
 */

type Node = Record<string, unknown>;
export type FeedEntry = Record<string, unknown>;

const ITEM_FIELDS = [
  'title',
  'link',
  'pubDate',
  'author',
  'content:encoded',
  'enclosure',
  'dc:creator',
  'dc:date',
  'comments',
];
const TEXT = '#text';
const ATTRS = '$';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: ATTRS,
  textNodeName: TEXT,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: true,
  // Every element as a list (xml2js's explicitArray), but not the attribute group.
  isArray: (name: string, _path: unknown, _leaf: unknown, isAttribute: boolean) =>
    !isAttribute && name !== ATTRS,
});

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function first(node: Node, key: string): unknown {
  const value = node[key];
  return Array.isArray(value) ? value[0] : value;
}

/** Text of an element: its text, or '' (rss-parser's xml2js `_`). */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isNode(value)) {
    const inner = value[TEXT];
    return Array.isArray(inner) ? inner.map(String).join('') : typeof inner === 'string' ? inner : '';
  }
  return '';
}

/** An element as xml2js would give it: text alone, or `{ _, $ }` with attributes. */
function xmlValue(value: unknown): unknown {
  if (!isNode(value)) return typeof value === 'string' ? value : '';
  const attrs = value[ATTRS];
  const body = text(value);
  const children = Object.keys(value).filter((k) => k !== ATTRS && k !== TEXT);
  if (!isNode(attrs) && children.length === 0) return body;
  const out: Node = {};
  if (body !== '') out._ = body;
  if (isNode(attrs)) out.$ = firstOfEach(attrs);
  for (const key of children) {
    const list = value[key];
    out[key] = Array.isArray(list) ? list.map(xmlValue) : xmlValue(list);
  }
  return out;
}

function firstOfEach(attrs: Node): Node {
  const out: Node = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = Array.isArray(v) ? v[0] : v;
  return out;
}

export function snippet(html: string): string {
  const stripped = html
    .replace(/([^\n])<\/?(h|br|p|ul|ol|li|blockquote|section|table|tr|div)(?:.|\n)*?>([^\n])/gm, '$1\n$3')
    .replace(/<(?:.|\n)*?>/gm, '');
  return decodeEntities(stripped).trim();
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

function copyFields(entry: Node, item: FeedEntry, fields: string[]): void {
  for (const field of fields) {
    if (entry[field] === undefined) continue;
    item[field] = field === 'enclosure' ? undefined : xmlValue(first(entry, field));
    if (field === 'enclosure') {
      const attrs = first(entry, field);
      if (isNode(attrs) && isNode(attrs[ATTRS])) item.enclosure = firstOfEach(attrs[ATTRS] as Node);
      else delete item.enclosure;
    }
  }
  if (typeof item['content:encoded'] === 'string')
    item['content:encodedSnippet'] = snippet(item['content:encoded']);
}

function setIsoDate(item: FeedEntry): void {
  const date = item.pubDate ?? item['dc:date'];
  if (typeof date !== 'string' || date.trim() === '') return;
  const parsed = new Date(date.trim());
  if (!Number.isNaN(parsed.getTime())) item.isoDate = parsed.toISOString();
}

function rssItem(entry: Node, fields: string[]): FeedEntry {
  const item: FeedEntry = {};
  copyFields(entry, item, fields);
  if (entry.description !== undefined) {
    item.content = text(first(entry, 'description'));
    item.contentSnippet = snippet(String(item.content));
  }
  if (entry.guid !== undefined) item.guid = text(first(entry, 'guid'));
  if (Array.isArray(entry.category)) item.categories = entry.category.map(xmlValue);
  if (typeof item['dc:creator'] === 'string') item.creator = item['dc:creator'];
  setIsoDate(item);
  return item;
}

function atomLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const attrs = links.map((l) => (isNode(l) && isNode(l[ATTRS]) ? firstOfEach(l[ATTRS] as Node) : {}));
  const alternate = attrs.find((a) => a.rel === 'alternate') ?? attrs[0];
  return typeof alternate?.href === 'string' ? alternate.href : undefined;
}

function atomItem(entry: Node, fields: string[]): FeedEntry {
  const item: FeedEntry = {};
  copyFields(
    entry,
    item,
    fields.filter((f) => f !== 'title' && f !== 'link' && f !== 'author'),
  );
  const title = text(first(entry, 'title'));
  if (title) item.title = title;
  const link = atomLink(entry.link);
  if (link !== undefined) item.link = link;
  const published = text(first(entry, 'published')) || text(first(entry, 'updated'));
  if (published) {
    const date = new Date(published);
    if (!Number.isNaN(date.getTime())) item.pubDate = date.toISOString();
  }
  const author = first(entry, 'author');
  if (isNode(author) && author.name !== undefined) item.author = text(first(author, 'name'));
  if (entry.content !== undefined) {
    item.content = text(first(entry, 'content'));
    item.contentSnippet = snippet(String(item.content));
  }
  if (entry.summary !== undefined) item.summary = text(first(entry, 'summary'));
  if (entry.id !== undefined) item.id = text(first(entry, 'id'));
  setIsoDate(item);
  return item;
}

/** The entries of an RSS or Atom document; throws a plain Error when it is not a feed. */
export function parseFeed(xml: string, customFields: string[] = []): FeedEntry[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`the XML is malformed (${valid.err.msg}, line ${valid.err.line})`);
  const doc = parser.parse(xml) as Node;
  const fields = [...ITEM_FIELDS, ...customFields.filter((f) => !ITEM_FIELDS.includes(f))];
  const feed = first(doc, 'feed');
  if (isNode(feed))
    return (Array.isArray(feed.entry) ? feed.entry : []).filter(isNode).map((e) => atomItem(e, fields));
  const rss = first(doc, 'rss');
  if (isNode(rss)) {
    const channel = first(rss, 'channel');
    if (!isNode(channel)) throw new Error('the RSS document has no channel');
    return (Array.isArray(channel.item) ? channel.item : []).filter(isNode).map((e) => rssItem(e, fields));
  }
  const rdf = first(doc, 'rdf:RDF');
  if (isNode(rdf))
    return (Array.isArray(rdf.item) ? rdf.item : []).filter(isNode).map((e) => rssItem(e, fields));
  throw new Error('the document is neither RSS nor Atom');
}
