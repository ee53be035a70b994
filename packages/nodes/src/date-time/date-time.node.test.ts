import { type Clock, type JsonObject, testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import dateTime from './date-time.node.ts';

// 2024-03-10T15:45:30.250Z
const NOW = Date.UTC(2024, 2, 10, 15, 45, 30, 250);
const clock: Clock = { now: () => NOW, sleep: async () => {} };
const berlin = { settings: { timezone: 'Europe/Berlin' } };

async function run(parameters: Record<string, unknown>, items: JsonObject[] = [{}]) {
  const result = await testNode(dateTime, { parameters, items, clock, workflow: berlin });
  return result.json[0];
}

describe('Date & Time: current date', () => {
  it('returns now in the workflow time zone, or midnight', async () => {
    expect(await run({})).toEqual([{ currentDate: '2024-03-10T16:45:30.250+01:00' }]);
    expect(await run({ includeTime: false, outputFieldName: 'today' })).toEqual([
      { today: '2024-03-10T00:00:00.000+01:00' },
    ]);
  });

  it('honours a time zone option and rejects an unknown one', async () => {
    expect(await run({ options: { timezone: 'America/New_York' } })).toEqual([
      { currentDate: '2024-03-10T11:45:30.250-04:00' },
    ]);
    const error = await testNodeError(dateTime, { parameters: { options: { timezone: 'Mars/Base' } } });
    expect(error.code).toBe('TIMEZONE_INVALID');
    expect(error.message).toBe('The timezone Mars/Base is not valid. Please check the timezone.');
    expect(error.parameter).toBe('options.timezone');
    const workflowZone = await testNodeError(dateTime, {
      workflow: { settings: { timezone: 'Nowhere/Land' } },
    });
    expect(workflowZone).toMatchObject({
      code: 'TIMEZONE_INVALID',
      node: 'Date & Time',
      parameter: 'settings.timezone',
    });
  });
});

describe('Date & Time: add and subtract', () => {
  it('adds and subtracts durations, keeping input fields when asked', async () => {
    const added = await run({
      operation: 'addToDate',
      magnitude: '2024-01-31T10:00:00Z',
      timeUnit: 'months',
      duration: 1,
    });
    expect(added).toEqual([{ newDate: '2024-02-29T11:00:00.000+01:00' }]);
    const subtracted = await run(
      {
        operation: 'subtractFromDate',
        magnitude: '1700000000',
        timeUnit: 'seconds',
        duration: 30,
        outputFieldName: 'last_execution_date',
        options: { includeInputFields: true },
      },
      [{ id: 1 }],
    );
    expect(subtracted).toEqual([{ id: 1, last_execution_date: '2023-11-14T23:12:50.000+01:00' }]);
  });

  it('reads millisecond timestamps and fractional seconds', async () => {
    expect(
      await run({ operation: 'addToDate', magnitude: '1700000000000', timeUnit: 'days', duration: 0 }),
    ).toEqual([{ newDate: '2023-11-14T23:13:20.000+01:00' }]);
    expect(
      await run({ operation: 'addToDate', magnitude: '1700000000.5', timeUnit: 'days', duration: 0 }),
    ).toEqual([{ newDate: '2023-11-14T23:13:20.500+01:00' }]);
  });

  it('fails on a date it cannot read, naming the parameter and item', async () => {
    const error = await testNodeError(dateTime, {
      parameters: { operation: 'addToDate', magnitude: 'next tuesday', timeUnit: 'days', duration: 1 },
      items: [{}, {}],
    });
    expect(error.code).toBe('DATE_INVALID');
    expect(error.parameter).toBe('magnitude');
    expect(error.message).toContain("Invalid date 'next tuesday'");
    expect(error.message).toContain('[item 0]');
  });
});

describe('Date & Time: format', () => {
  it('formats with presets, custom tokens and Unix timestamps', async () => {
    const date = '2024-04-09T22:30:00Z';
    expect(await run({ operation: 'formatDate', date })).toEqual([{ formattedDate: '04/10/2024' }]);
    expect(
      await run({ operation: 'formatDate', date, format: 'custom', customFormat: 'yyyy-MM-dd HH:mm' }),
    ).toEqual([{ formattedDate: '2024-04-10 00:30' }]);
    expect(await run({ operation: 'formatDate', date, format: 'X' })).toEqual([
      { formattedDate: '1712701800' },
    ]);
    expect(await run({ operation: 'formatDate', date, format: 'x' })).toEqual([
      { formattedDate: '1712701800000' },
    ]);
  });

  it('reads dates in a given format and RFC 2822 dates', async () => {
    expect(
      await run({
        operation: 'formatDate',
        date: '20240409',
        format: 'yyyy-MM-dd',
        options: { fromFormat: 'yyyyMMdd' },
      }),
    ).toEqual([{ formattedDate: '2024-04-09' }]);
    expect(
      await run({
        operation: 'formatDate',
        date: 'Tue, 09 Apr 2024 08:00:00 GMT',
        format: 'custom',
        customFormat: 'HH:mm',
      }),
    ).toEqual([{ formattedDate: '10:00' }]);
  });
});

describe('Date & Time: round, difference, extract', () => {
  it('rounds down to the start of a unit and up to the start of the next', async () => {
    const date = '2024-03-10T16:45:30+01:00';
    expect(await run({ operation: 'roundDate', date, toNearest: 'hour' })).toEqual([
      { roundedDate: '2024-03-10T16:00:00.000+01:00' },
    ]);
    expect(await run({ operation: 'roundDate', date, mode: 'roundUp', to: 'month' })).toEqual([
      { roundedDate: '2024-04-01T00:00:00.000+02:00' },
    ]);
  });

  it('gets the time between dates as an object or ISO duration', async () => {
    const parameters = {
      operation: 'getTimeBetweenDates',
      startDate: '2024-01-01T00:00:00Z',
      endDate: '2024-01-03T06:30:00Z',
      units: ['day', 'hour', 'minute'],
    };
    expect(await run(parameters)).toEqual([{ timeDifference: { days: 2, hours: 6, minutes: 30 } }]);
    expect(await run({ ...parameters, options: { isoString: true } })).toEqual([
      { timeDifference: 'P2DT6H30M' },
    ]);
  });

  it('extracts a part of a date in the workflow time zone', async () => {
    const date = '2024-12-31T23:30:00Z';
    expect(await run({ operation: 'extractDate', date, part: 'year' })).toEqual([{ datePart: 2025 }]);
    expect(await run({ operation: 'extractDate', date, part: 'week' })).toEqual([{ datePart: 1 }]);
    expect(await run({ operation: 'extractDate', date, part: 'hour' })).toEqual([{ datePart: 0 }]);
  });

  it('turns failures into error items when continuing on fail', async () => {
    const result = await testNode(dateTime, {
      parameters: { operation: 'extractDate', date: '' },
      items: [{}],
      onError: 'continueRegularOutput',
    });
    expect(result.outputs[0][0]).toMatchObject({
      json: { error: expect.stringContaining('Invalid date') },
      pairedItem: { item: 0 },
    });
  });
});

describe('Date & Time: expressions', () => {
  it('accepts dates and timestamps from expressions', async () => {
    expect(
      await run({ operation: 'addToDate', magnitude: '={{ $now }}', timeUnit: 'days', duration: 1 }),
    ).toEqual([{ newDate: '2024-03-11T16:45:30.250+01:00' }]);
    expect(
      await run(
        {
          operation: 'subtractFromDate',
          magnitude: '={{ $json.timestamp }}',
          timeUnit: 'seconds',
          duration: 30,
          outputFieldName: 'last_execution_date',
        },
        [{ timestamp: 1700000030 }],
      ),
    ).toEqual([{ last_execution_date: '2023-11-14T23:13:20.000+01:00' }]);
  });
});
