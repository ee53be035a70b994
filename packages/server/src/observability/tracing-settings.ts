import { z } from 'zod';

/** OpenTelemetry traces of executions (docs/scaling.md): on when an OTLP endpoint is set. */
export interface TracingSettings {
  /** OTLP/HTTP traces URL (`…/v1/traces`). */
  url: string;
  serviceName: string;
}

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** The standard OpenTelemetry variables, so a collector set up for other services needs nothing new. */
export const tracingSettingsSchema = z.object({
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url.optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  OTEL_SERVICE_NAME: z.string().trim().min(1).default('guixuflow'),
});

export function tracingSettingsFrom(v: z.infer<typeof tracingSettingsSchema>): TracingSettings | undefined {
  const traces = v.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = v.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (traces === undefined && base === undefined) return undefined;
  return {
    url: traces ?? `${(base ?? '').replace(/\/+$/, '')}/v1/traces`,
    serviceName: v.OTEL_SERVICE_NAME,
  };
}
