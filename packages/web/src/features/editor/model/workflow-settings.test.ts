import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applySettingsForm, toSettingsForm, validateSettings, verifySnippet } from './workflow-settings.ts';

describe('the workflow settings dialog', () => {
  it('edits the known settings and the callbacks, and keeps every other key', () => {
    const previous = {
      executionOrder: 'v1' as const,
      timezone: 'Asia/Shanghai',
      custom: { kept: true },
      callbacks: { successUrl: 'https://ci.example.com/ok' },
    };
    const form = toSettingsForm(previous);
    expect(form).toMatchObject({
      timezone: 'Asia/Shanghai',
      successUrl: 'https://ci.example.com/ok',
      failureUrl: '',
      saveManualExecutions: true,
    });
    form.timezone = '';
    form.executionTimeout = '120';
    form.concurrencyLimit = '3';
    form.saveDataPolicy = 'errors';
    form.failureUrl = ' https://ci.example.com/failed ';
    form.successUrl = '';
    expect(validateSettings(form)).toEqual({});
    expect(applySettingsForm(previous, form)).toEqual({
      executionOrder: 'v1',
      custom: { kept: true },
      executionTimeout: 120,
      concurrencyLimit: 3,
      saveDataPolicy: 'errors',
      callbacks: { failureUrl: 'https://ci.example.com/failed' },
    });
    form.failureUrl = '';
    form.saveManualExecutions = false;
    const cleared = applySettingsForm(previous, form);
    expect(cleared).not.toHaveProperty('callbacks');
    expect(cleared.saveManualExecutions).toBe(false);
  });

  it('refuses numbers that are not whole and positive, and URLs that are not http(s)', () => {
    const form = toSettingsForm({ executionTimeout: -1 });
    expect(form.executionTimeout).toBe('');
    Object.assign(form, {
      executionTimeout: '1.5',
      concurrencyLimit: '0',
      successUrl: 'ftp://x',
      failureUrl: 'not a url',
    });
    expect(validateSettings(form)).toEqual({
      executionTimeout: 'access.settings.badNumber',
      concurrencyLimit: 'access.settings.badNumber',
      successUrl: 'access.callbacks.badUrl',
      failureUrl: 'access.callbacks.badUrl',
    });
  });

  it('shows receivers code that accepts the server’s signature and refuses a changed body or an old timestamp', () => {
    const code = verifySnippet('x-guixu-signature').split('\n').slice(1).join('\n');
    const verify = new Function('createHmac', 'timingSafeEqual', `${code}\nreturn verify;`)(
      createHmac,
      timingSafeEqual,
    ) as (secret: string, body: string, header: string) => boolean;
    const body = JSON.stringify({ event: 'execution.succeeded', executionId: 'e1' });
    const t = Math.floor(Date.now() / 1000);
    // As the server signs (docs/workflow-callbacks.md): t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>.
    const header = `t=${t},v1=${createHmac('sha256', 'whsec_1').update(`${t}.${body}`).digest('hex')}`;
    expect(verify('whsec_1', body, header)).toBe(true);
    expect(verify('whsec_2', body, header)).toBe(false);
    expect(verify('whsec_1', `${body} `, header)).toBe(false);
    const old = t - 3600;
    expect(
      verify(
        'whsec_1',
        body,
        `t=${old},v1=${createHmac('sha256', 'whsec_1').update(`${old}.${body}`).digest('hex')}`,
      ),
    ).toBe(false);
  });
});
