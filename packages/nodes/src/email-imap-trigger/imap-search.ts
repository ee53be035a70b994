import type { SearchObject } from 'imapflow';

/**
 * n8n's "Custom Email Rules" are node-imap search criteria, e.g.
 * `["UNSEEN", ["SINCE", "May 20, 2018"]]`; imapflow takes a search object.
 * Every criterion is ANDed, as in node-imap. Throws a message naming the
 * criterion it cannot read.
 */
const FLAGS: Record<string, SearchObject> = {
  ALL: { all: true },
  ANSWERED: { answered: true },
  UNANSWERED: { answered: false },
  DELETED: { deleted: true },
  UNDELETED: { deleted: false },
  DRAFT: { draft: true },
  UNDRAFT: { draft: false },
  FLAGGED: { flagged: true },
  UNFLAGGED: { flagged: false },
  SEEN: { seen: true },
  UNSEEN: { seen: false },
  NEW: { new: true },
  OLD: { old: true },
  RECENT: { recent: true },
};

const TEXT = ['FROM', 'TO', 'CC', 'BCC', 'BODY', 'SUBJECT', 'TEXT', 'KEYWORD', 'UNKEYWORD', 'UID'] as const;
const DATES = ['BEFORE', 'ON', 'SINCE', 'SENTBEFORE', 'SENTON', 'SENTSINCE'] as const;

const TEXT_KEYS: Record<(typeof TEXT)[number], keyof SearchObject> = {
  FROM: 'from',
  TO: 'to',
  CC: 'cc',
  BCC: 'bcc',
  BODY: 'body',
  SUBJECT: 'subject',
  TEXT: 'text',
  KEYWORD: 'keyword',
  UNKEYWORD: 'unKeyword',
  UID: 'uid',
};
const DATE_KEYS: Record<(typeof DATES)[number], keyof SearchObject> = {
  BEFORE: 'before',
  ON: 'on',
  SINCE: 'since',
  SENTBEFORE: 'sentBefore',
  SENTON: 'sentOn',
  SENTSINCE: 'sentSince',
};

function criterion(entry: unknown): SearchObject {
  if (typeof entry === 'string') {
    const flag = FLAGS[entry.toUpperCase()];
    if (flag) return flag;
    throw new Error(`unknown search criterion "${entry}"`);
  }
  if (!Array.isArray(entry) || typeof entry[0] !== 'string') {
    throw new Error(`a criterion is a name or [name, value]: ${JSON.stringify(entry)}`);
  }
  const name = entry[0].toUpperCase();
  const value: unknown = entry[1];
  if (name === 'HEADER' && typeof value === 'string') return { header: { [value]: String(entry[2] ?? '') } };
  if (name === 'LARGER' || name === 'SMALLER') {
    const size = Number(value);
    if (!Number.isFinite(size)) throw new Error(`${name} needs a number of bytes`);
    return name === 'LARGER' ? { larger: size } : { smaller: size };
  }
  if (name === 'NOT') return { not: criterion(value) };
  if (name === 'OR') return { or: [criterion(entry[1]), criterion(entry[2])] };
  if (
    (TEXT as readonly string[]).includes(name) &&
    (typeof value === 'string' || typeof value === 'number')
  ) {
    return { [TEXT_KEYS[name as (typeof TEXT)[number]]]: String(value) };
  }
  if ((DATES as readonly string[]).includes(name) && typeof value === 'string') {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new Error(`${name} needs a date, got "${value}"`);
    return { [DATE_KEYS[name as (typeof DATES)[number]]]: date };
  }
  throw new Error(`unknown search criterion ${JSON.stringify(entry)}`);
}

/** The search object for n8n's custom rules (JSON text); throws on a rule it cannot read. */
export function searchCriteria(rules: string): SearchObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rules.trim() === '' ? '["UNSEEN"]' : rules);
  } catch {
    throw new Error('the custom email rules are not valid JSON (e.g. ["UNSEEN", ["SINCE", "May 20, 2018"]])');
  }
  if (!Array.isArray(parsed)) throw new Error('the custom email rules are a JSON array of criteria');
  const query: SearchObject = {};
  for (const entry of parsed) Object.assign(query, criterion(entry));
  return Object.keys(query).length === 0 ? { all: true } : query;
}
