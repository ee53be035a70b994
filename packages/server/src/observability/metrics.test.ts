import { spawnSync } from 'node:child_process';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * promtool (Debian's `prometheus` package) is used when installed; the exposition-format parser below
 * checks the same rules everywhere, so a clone without promtool still tests them.
 */
const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
const hasPromtool = promtool.status === 0;

/** prom-client's own default gauges whose names end in _total; nothing else may draw a lint finding. */
const PROM_CLIENT_LINT = new Set([
  'nodejs_active_handles_total non-counter metrics should not have "_total" suffix',
  'nodejs_active_requests_total non-counter metrics should not have "_total" suffix',
  'nodejs_active_resources_total non-counter metrics should not have "_total" suffix',
]);

const lint = (name: string) => `${name} non-counter metrics should not have "_total" suffix`;

describe('/metrics exposition', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.dispose());

  async function scrape(): Promise<string> {
    await t.app.inject({ method: 'GET', url: '/api/v1/workflows/abc' });
    await t.app.inject({ method: 'GET', url: '/healthz' });
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    return response.body;
  }

  it('types process CPU as a counter and event-loop lag without a quantile label on a gauge', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
    expect(text).toMatch(/^process_cpu_seconds_total [\d.e-]+$/m);
    expect(text).toContain('# TYPE nodejs_eventloop_lag_p99_seconds gauge');
    expect(text).not.toMatch(/quantile=/);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain('# TYPE guixu_executions_total counter');
  });

  it("parses as the text exposition format and keeps promtool's rules for names, types and labels", async () => {
    const families = parsePrometheusTextFormat(await scrape());
    const names = families.map((family) => family.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['process_cpu_seconds_total', 'guixu_executions_total']));
    const problems: string[] = [];
    for (const family of families) {
      const { name, type } = family;
      if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) problems.push(`${name}: not a metric name`);
      if (!family.help) problems.push(`${name}: no HELP`);
      if (type === 'COUNTER' && !name.endsWith('_total')) problems.push(`${name}: a counter without _total`);
      if (type !== 'COUNTER' && name.endsWith('_total') && !PROM_CLIENT_LINT.has(lint(name)))
        problems.push(`${name}: "_total" on a ${type.toLowerCase()}`);
      for (const sample of family.metrics) {
        const labels = Object.keys(sample.labels ?? {});
        if (labels.includes('quantile'))
          problems.push(`${name}: a quantile label on a ${type.toLowerCase()}`);
        if (labels.includes('le')) problems.push(`${name}: an le label on a ${type.toLowerCase()}`);
        const values = [sample.value, sample.count, sample.sum, ...Object.values(sample.buckets ?? {})];
        for (const value of values)
          if (value !== undefined && Number.isNaN(Number(value)) && !/^(nan|[+-]?inf)$/i.test(value))
            problems.push(`${name}: value "${value}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.skipIf(!hasPromtool)('passes promtool check metrics', async () => {
    const text = await scrape();
    const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    const findings = `${result.stdout}${result.stderr}`
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !PROM_CLIENT_LINT.has(line));
    expect(findings).toEqual([]);
    // 0: clean; 3: lint findings only (the prom-client ones allowed above). 1 would be a parse error.
    expect([0, 3]).toContain(result.status);
  });
});

describe('/metrics with GUIXU_METRICS_TOKEN', () => {
  const TOKEN = 'scrape-token-0123456789abcdef';
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { env: { GUIXU_METRICS_TOKEN: TOKEN }, auth: 'none' });
  });
  afterAll(async () => t.dispose());

  it.each([
    ['no header', {}],
    ['another token', { authorization: 'Bearer scrape-token-0123456789abcdeX' }],
    ['a prefix of the token', { authorization: `Bearer ${TOKEN.slice(0, 10)}` }],
    ['the token as Basic', { authorization: `Basic ${TOKEN}` }],
  ])('refuses a scrape with %s', async (_name, headers: Record<string, string>) => {
    const response = await t.app.inject({ method: 'GET', url: '/metrics', headers });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'AUTH_REQUIRED' });
    expect(response.body).not.toContain('process_cpu_seconds_total');
  });

  it('answers the bearer of the token', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('# TYPE process_cpu_seconds_total counter');
  });

  it('refuses a token shorter than 16 characters at start', () => {
    expect(() => loadConfig({ env: { GUIXU_METRICS_TOKEN: 'short' } })).toThrow(/GUIXU_METRICS_TOKEN/);
  });
});
