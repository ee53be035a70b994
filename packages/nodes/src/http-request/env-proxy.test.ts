import { describe, expect, it } from 'vitest';
import { proxyFromEnv } from './env-proxy.ts';

describe('proxy from the environment', () => {
  const env = { HTTP_PROXY: 'http://proxy:3128', https_proxy: 'http://secure-proxy:3128' };

  it('picks the proxy by scheme, in either letter case', () => {
    expect(proxyFromEnv('http://api.example.com/x', env)).toBe('http://proxy:3128');
    expect(proxyFromEnv('https://api.example.com/x', env)).toBe('http://secure-proxy:3128');
    expect(proxyFromEnv('http://api.example.com/x', {})).toBeUndefined();
  });

  it('never proxies loopback hosts', () => {
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://localhost/',
      'http://[::1]:80/',
      'http://app.localhost/',
    ]) {
      expect(proxyFromEnv(url, env)).toBeUndefined();
    }
  });

  it('honours NO_PROXY entries: domains, subdomains, ports and *', () => {
    const withNo = (value: string) => ({ ...env, NO_PROXY: value });
    expect(proxyFromEnv('http://api.example.com/', withNo('example.com'))).toBeUndefined();
    expect(proxyFromEnv('http://api.example.com/', withNo('.example.com'))).toBeUndefined();
    expect(proxyFromEnv('http://notexample.com/', withNo('example.com'))).toBe('http://proxy:3128');
    expect(proxyFromEnv('http://api.example.com:8080/', withNo('api.example.com:9090'))).toBe(
      'http://proxy:3128',
    );
    expect(proxyFromEnv('http://api.example.com:8080/', withNo('api.example.com:8080'))).toBeUndefined();
    expect(proxyFromEnv('https://anything.org/', withNo('*'))).toBeUndefined();
    expect(proxyFromEnv('http://10.0.0.5/', withNo('internal.local, 10.0.0.5'))).toBeUndefined();
  });
});
