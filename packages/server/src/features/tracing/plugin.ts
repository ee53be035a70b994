import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { Feature, ServerContext } from '../../context.ts';
import { traceExecutions } from '../../observability/execution-tracing.ts';
import { SERVER_VERSION as VERSION } from '../../version.ts';

const providers = new WeakMap<ServerContext, TracerProvider>();

/** Sends the spans batched so far (tests; shutdown does it too). */
export async function flushTraces(ctx: ServerContext): Promise<void> {
  await providers.get(ctx)?.forceFlush();
}

/**
 * OpenTelemetry traces of executions and node runs, exported over OTLP/HTTP
 * when `OTEL_EXPORTER_OTLP_ENDPOINT` (or `…_TRACES_ENDPOINT`) is set. The
 * provider is this app's own (not registered globally): tests run several apps.
 */
export const feature: Feature = {
  name: 'tracing',
  order: 27,
  setup(ctx) {
    const settings = ctx.config.tracing;
    if (!settings) return;
    const runner = ctx.services.get('executions');
    const provider = new TracerProvider({
      resource: resourceFromAttributes({
        'service.name': settings.serviceName,
        'service.version': VERSION,
        'service.instance.id': runner.instanceId,
      }),
      spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: settings.url }) })],
    });
    providers.set(ctx, provider);
    const stop = traceExecutions(runner.events, provider.getTracer('guixuflow', VERSION));
    ctx.lifecycle.onShutdown({
      name: 'tracing',
      phase: 'close',
      async run() {
        stop();
        // Sends what is still batched.
        await provider.shutdown();
      },
    });
  },
};
