import { GuixuError } from '@guixu/core';
import { S3BinaryStore } from '../../binary/s3-binary-store.ts';
import { describeEndpoint } from '../../binary/settings.ts';
import type { Feature } from '../../context.ts';

/**
 * With `GUIXU_BINARY_STORE=s3` the start checks the bucket before anything
 * runs (recovered executions may read files at once): a missing bucket, an
 * unreachable endpoint or refused credentials stop the start with a message
 * that says which, and never shows a credential.
 */
export const feature: Feature = {
  name: 'binary-store',
  // Before executions (they recover runs at start).
  order: 24,
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
