import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../config/errors.ts';
import { flag } from '../config/values.ts';

/**
 * Where binary data (uploads, files nodes write) is kept: the data directory,
 * or an S3-compatible bucket every process of a cluster reaches (docs/scaling.md).
 */
export type BinaryStoreSettings = { kind: 'fs' } | S3StoreSettings;

export interface S3StoreSettings {
  kind: 's3';
  bucket: string;
  /** Key prefix of every object ("" or ending in "/"). */
  prefix: string;
  region: string;
  /** http(s) URL of an S3-compatible server; absent: AWS S3 of `region`. */
  endpoint?: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key` (MinIO, Ceph and most self-hosted servers). */
  forcePathStyle: boolean;
  /** Absent: the AWS SDK's default chain (environment, shared files, instance or pod role). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

// S3's bucket naming rules (without the dotted-IP and xn-- corner cases, which S3 refuses itself).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export const binaryStoreSettingsSchema = z.object({
  GUIXU_BINARY_STORE: z.enum(['fs', 's3'], { error: 'must be "fs" or "s3"' }).default('fs'),
  GUIXU_S3_BUCKET: z
    .string()
    .trim()
    .regex(BUCKET, 'must be an S3 bucket name: 3-63 lower-case letters, digits, dots and dashes')
    .optional(),
  GUIXU_S3_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9!_.*'()/-]{0,200}$/, 'must be up to 200 letters, digits, "/", "-", "_" or "."')
    .refine((prefix) => !prefix.startsWith('/'), 'must not start with "/"')
    .default(''),
  GUIXU_S3_REGION: z.string().trim().min(1, 'must not be empty').optional(),
  GUIXU_S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  GUIXU_S3_FORCE_PATH_STYLE: flag.optional(),
  GUIXU_S3_ACCESS_KEY_ID: z.string().trim().min(1, 'must not be empty').optional(),
  GUIXU_S3_SECRET_ACCESS_KEY: z.string().trim().min(1, 'must not be empty').optional(),
  GUIXU_S3_SESSION_TOKEN: z.string().trim().min(1, 'must not be empty').optional(),
});

type Values = z.infer<typeof binaryStoreSettingsSchema>;

/** The settings; a ConfigError when they cannot work (a bucket is needed, keys come in pairs). */
export function binaryStoreSettingsFrom(v: Values): BinaryStoreSettings {
  if (v.GUIXU_BINARY_STORE === 'fs') return { kind: 'fs' };
  const issues: ConfigIssue[] = [];
  if (!v.GUIXU_S3_BUCKET)
    issues.push({
      variable: 'GUIXU_S3_BUCKET',
      value: undefined,
      message: 'is needed with GUIXU_BINARY_STORE=s3',
    });
  if ((v.GUIXU_S3_ACCESS_KEY_ID === undefined) !== (v.GUIXU_S3_SECRET_ACCESS_KEY === undefined)) {
    const missing =
      v.GUIXU_S3_ACCESS_KEY_ID === undefined ? 'GUIXU_S3_ACCESS_KEY_ID' : 'GUIXU_S3_SECRET_ACCESS_KEY';
    issues.push({
      variable: missing,
      value: undefined,
      message:
        'GUIXU_S3_ACCESS_KEY_ID and GUIXU_S3_SECRET_ACCESS_KEY go together (set both, or neither for the AWS default chain)',
    });
  }
  if (v.GUIXU_S3_SESSION_TOKEN !== undefined && v.GUIXU_S3_ACCESS_KEY_ID === undefined)
    issues.push({
      variable: 'GUIXU_S3_SESSION_TOKEN',
      value: undefined,
      message: 'needs GUIXU_S3_ACCESS_KEY_ID and its secret',
    });
  if (issues.length > 0 || !v.GUIXU_S3_BUCKET) throw new ConfigError(issues);
  const prefix =
    v.GUIXU_S3_PREFIX === '' || v.GUIXU_S3_PREFIX.endsWith('/') ? v.GUIXU_S3_PREFIX : `${v.GUIXU_S3_PREFIX}/`;
  const settings: S3StoreSettings = {
    kind: 's3',
    bucket: v.GUIXU_S3_BUCKET,
    prefix,
    // A custom endpoint usually ignores the region, but the SDK signs with one.
    region: v.GUIXU_S3_REGION ?? process.env.AWS_REGION ?? 'us-east-1',
    // Self-hosted servers rarely have a wildcard DNS name per bucket: path style unless told otherwise.
    forcePathStyle: v.GUIXU_S3_FORCE_PATH_STYLE ?? v.GUIXU_S3_ENDPOINT !== undefined,
  };
  if (v.GUIXU_S3_ENDPOINT) settings.endpoint = v.GUIXU_S3_ENDPOINT.replace(/\/+$/, '');
  if (v.GUIXU_S3_ACCESS_KEY_ID && v.GUIXU_S3_SECRET_ACCESS_KEY) {
    settings.credentials = {
      accessKeyId: v.GUIXU_S3_ACCESS_KEY_ID,
      secretAccessKey: v.GUIXU_S3_SECRET_ACCESS_KEY,
      ...(v.GUIXU_S3_SESSION_TOKEN ? { sessionToken: v.GUIXU_S3_SESSION_TOKEN } : {}),
    };
  }
  return settings;
}

/** The endpoint as it may be shown in logs and errors (no user info, no query). */
export function describeEndpoint(settings: S3StoreSettings): string {
  if (!settings.endpoint) return `AWS S3 (${settings.region})`;
  try {
    const url = new URL(settings.endpoint);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return 'the configured endpoint';
  }
}
