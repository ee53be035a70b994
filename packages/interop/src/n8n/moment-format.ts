/**
 * Moment.js format strings (n8n's Date & Time v1) as Luxon format strings (the
 * current node). Tokens are matched longest first; letters that are not tokens
 * and `[escaped]` text become quoted literals, as Luxon would otherwise read
 * them as tokens. Tokens Luxon has no equivalent for are reported.
 */
const TOKENS: [string, string][] = [
  ['YYYY', 'yyyy'],
  ['YY', 'yy'],
  ['Y', 'y'],
  ['Q', 'q'],
  ['MMMM', 'MMMM'],
  ['MMM', 'MMM'],
  ['MM', 'MM'],
  ['M', 'M'],
  ['DDDD', 'ooo'],
  ['DDD', 'o'],
  ['DD', 'dd'],
  ['D', 'd'],
  ['dddd', 'cccc'],
  ['ddd', 'ccc'],
  ['E', 'c'],
  ['GGGG', 'kkkk'],
  ['GG', 'kk'],
  ['WW', 'WW'],
  ['W', 'W'],
  ['HH', 'HH'],
  ['H', 'H'],
  ['hh', 'hh'],
  ['h', 'h'],
  ['kk', 'HH'],
  ['k', 'H'],
  ['mm', 'mm'],
  ['m', 'm'],
  ['ss', 'ss'],
  ['s', 's'],
  ['SSS', 'SSS'],
  ['SS', 'SSS'],
  ['S', 'S'],
  ['A', 'a'],
  ['ZZ', 'ZZZ'],
  ['Z', 'ZZ'],
  ['X', 'X'],
  ['x', 'x'],
];

/** Moment tokens with no Luxon equivalent (ordinals, lower-case meridiem, moment's locale formats). */
const UNSUPPORTED = [
  'Do',
  'do',
  'Wo',
  'Mo',
  'Qo',
  'DDDo',
  'a',
  'LTS',
  'LT',
  'LLLL',
  'LLL',
  'LL',
  'L',
  'llll',
  'lll',
  'll',
  'l',
  'w',
  'ww',
  'e',
  'gggg',
  'gg',
  'z',
  'zz',
  'N',
  'NN',
];

export interface ConvertedFormat {
  format: string;
  unsupported: string[];
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export function momentToLuxon(format: string): ConvertedFormat {
  const unsupported: string[] = [];
  let out = '';
  let literal = '';
  const flush = () => {
    if (literal !== '') out += quote(literal);
    literal = '';
  };
  let i = 0;
  while (i < format.length) {
    const rest = format.slice(i);
    if (rest.startsWith('[')) {
      const end = rest.indexOf(']');
      if (end > 0) {
        literal += rest.slice(1, end);
        i += end + 1;
        continue;
      }
    }
    const token = TOKENS.find(([from]) => rest.startsWith(from));
    const bad = UNSUPPORTED.find((from) => rest.startsWith(from));
    if (bad && (!token || bad.length > token[0].length)) {
      unsupported.push(bad);
      literal += bad;
      i += bad.length;
      continue;
    }
    if (token) {
      flush();
      out += token[1];
      i += token[0].length;
      continue;
    }
    const char = format[i];
    if (/[A-Za-z']/.test(char)) literal += char;
    else {
      flush();
      out += char;
    }
    i += 1;
  }
  flush();
  return { format: out, unsupported };
}
