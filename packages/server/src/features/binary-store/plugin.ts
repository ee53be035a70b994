import { GuixuError } from '@guixu/core';
import { S3BinaryStore } from '../../binary/s3-binary-store.ts';
import { describeEndpoint } from '../../binary/settings.ts';
import type { Feature } from '../../context.ts';
import { cachedProbe } from '../../readiness.ts';

/** `/readyz` asks the bucket (HeadBucket) at most this often… */
const PROBE_TTL_MS = 5000;
/** …and gives it this long to answer. */
const PROBE_TIMEOUT_MS = 3000;

/**
 * With `GUIXU_BINARY_STORE=s3` the start checks the bucket before anything
 * runs (recovered executions may read files at once): a missing bucket, an
 * unreachable endpoint or refused credentials stop the start with a message
 * that says which, and never shows a credential. `/readyz` then reports
 * `binaryStorage` from a HeadBucket at most every 5 seconds.
 */
export const feature: Feature = {
  name: 'binary-store',
  // Before executions (they recover runs at start).
  order: 24,
  setup(ctx) {
    const settings = ctx.config.binaryStore;
    if (settings.kind !== 's3') return;
    const store = new S3BinaryStore(settings);
    let reachable = true;
    ctx.readiness.add(
      'binaryStorage',
      cachedProbe((signal) => store.check({ signal }), {
        ttlMs: PROBE_TTL_MS,
        timeoutMs: PROBE_TIMEOUT_MS,
        onResult(ok, error) {
          if (ok === reachable) return;
          reachable = ok;
          if (ok) ctx.log.info({ bucket: settings.bucket }, 'binary storage reachable again');
          else ctx.log.warn({ err: error, bucket: settings.bucket }, 'binary storage unreachable');
        },
      }),
    );
    ctx.lifecycle.onShutdown({ name: 'binary storage probe', phase: 'close', run: () => store.close() });
  },
  async start(ctx) {
    const settings = ctx.config.binaryStore;
    if (settings.kind !== 's3') return;
    const store = new S3BinaryStore(settings);
    try {
      await store.check();
    } catch (error) {
      if (!(error instanceof GuixuError)) throw error;
      const hint = error.description ? ` ${error.description}` : '';
      throw new GuixuError(error.code, `${error.message}.${hint}`, {
        audience: 'operator',
        ...(error.details ? { details: error.details } : {}),
      });
    } finally {
      await store.close();
    }
    ctx.log.info(
      { bucket: settings.bucket, prefix: settings.prefix, endpoint: describeEndpoint(settings) },
      'binary data is stored in S3',
    );
  },
};
