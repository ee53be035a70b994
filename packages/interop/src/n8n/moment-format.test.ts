import { describe, expect, it } from 'vitest';
import { momentToLuxon } from './moment-format.ts';

describe('moment.js formats as Luxon formats', () => {
  it.each([
    ['MM/DD/YYYY', 'MM/dd/yyyy'],
    ['YYYY-MM-DD HH:mm:ss.SSS', 'yyyy-MM-dd HH:mm:ss.SSS'],
    ['dddd, MMMM D YY h:mm A', 'cccc, MMMM d yy h:mm a'],
    ['YYYY-MM-DDTHH:mm:ssZ', "yyyy-MM-dd'T'HH:mm:ssZZ"],
    ['[Today is] dddd', "'Today is' cccc"],
    ["YYYY [o'clock]", "yyyy 'o''clock'"],
    ['X', 'X'],
    ['x', 'x'],
  ])('%s → %s', (moment, luxon) => {
    expect(momentToLuxon(moment)).toEqual({ format: luxon, unsupported: [] });
  });

  it('reports tokens Luxon has no equivalent for and keeps them as text', () => {
    expect(momentToLuxon('Do MMMM')).toEqual({ format: "'Do' MMMM", unsupported: ['Do'] });
  });
});
