import type { FastifyInstance, InjectOptions } from 'fastify';

/** Headers that already say who is calling: a request carrying one keeps it. */
const CREDENTIAL_HEADERS = ['authorization', 'x-api-key', 'cookie'];

function carriesCredentials(headers: InjectOptions['headers']): boolean {
  if (headers === undefined) return false;
  return Object.keys(headers).some((name) => CREDENTIAL_HEADERS.includes(name.toLowerCase()));
}

function urlOf(options: InjectOptions): string {
  const url = options.url ?? options.path;
  if (typeof url === 'string') return url;
  return url?.pathname ?? '';
}

function withHeaders(options: InjectOptions, headers: Record<string, string>): InjectOptions {
  // Only API calls sign in: webhooks and forms see exactly the headers a test sends.
  if (!urlOf(options).startsWith('/api/') || carriesCredentials(options.headers)) return options;
  return { ...options, headers: { ...headers, ...options.headers } };
}

/**
 * The app, with `inject()` calling as someone unless a request names its own
 * credentials: tests written before sign-in existed keep working as the
 * instance owner, while access control stays fully on. `headers()` is read
 * per request, so the identity can be set after the app is built.
 */
export function injectingAs(
  app: FastifyInstance,
  headers: () => Record<string, string> | undefined,
): FastifyInstance {
  const inject = (options?: InjectOptions | string, callback?: unknown) => {
    const given = headers();
    // The chained form (`inject().get(url)`) and a callback are passed through untouched.
    if (options === undefined || given === undefined || callback !== undefined)
      return Reflect.apply(
        app.inject,
        app,
        [options, callback].filter((a) => a !== undefined),
      );
    const resolved: InjectOptions = typeof options === 'string' ? { url: options } : options;
    return app.inject(withHeaders(resolved, given));
  };
  return new Proxy(app, {
    get(target, property) {
      if (property === 'inject') return inject;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
