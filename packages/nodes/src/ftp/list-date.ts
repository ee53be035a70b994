const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The time of a Unix `ls -l` listing line's date (`Dec 07 07:22` within the
 * last six months, `Dec 07 2025` before), read as UTC: FTP servers without
 * MLSD give only this. Undefined when the text is in another format.
 */
export function parseListDate(raw: string, now = new Date()): Date | undefined {
  const match = /^([A-Za-z]{3})\s+(\d{1,2})\s+(?:(\d{1,2}):(\d{2})|(\d{4}))$/.exec(raw.trim());
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[1]?.toLowerCase() ?? '');
  if (month < 0) return undefined;
  const day = Number(match[2]);
  if (match[5]) return new Date(Date.UTC(Number(match[5]), month, day));
  const hours = Number(match[3]);
  const minutes = Number(match[4]);
  const thisYear = new Date(Date.UTC(now.getUTCFullYear(), month, day, hours, minutes));
  // A date "in the future" by more than a day is from last year.
  return thisYear.getTime() > now.getTime() + 86_400_000
    ? new Date(Date.UTC(now.getUTCFullYear() - 1, month, day, hours, minutes))
    : thisYear;
}
