import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import type { RunnerEvents } from '../runner/events.ts';
import type { RunnerEvent } from '../runner/types.ts';

interface Traced {
  span: Span;
  context: Context;
  nodes: Map<string, Span>;
}

/**
 * Spans from runner events: one `execution` span per run of an execution (a
 * resume after a Wait is a new span), a `node <name>` child span per node run.
 * Built where the execution runs (a worker in queue mode); nothing is added to
 * the hot path when tracing is off.
 */
export function traceExecutions(events: RunnerEvents, tracer: Tracer): () => void {
  const running = new Map<string, Traced>();
  const onEvent = (event: RunnerEvent) => {
    if (event.type === 'executionStarted') {
      const attributes: Attributes = {
        'guixu.execution.id': event.executionId,
        'guixu.execution.mode': event.mode,
      };
      if (event.workflowId !== null) attributes['guixu.workflow.id'] = event.workflowId;
      const span = tracer.startSpan('execution', { attributes });
      running.set(event.executionId, {
        span,
        context: trace.setSpan(context.active(), span),
        nodes: new Map(),
      });
      return;
    }
    const traced = running.get(event.executionId);
    if (!traced) return;
    if (event.type === 'nodeStarted') {
      const span = tracer.startSpan(
        `node ${event.node}`,
        { attributes: { 'guixu.node.name': event.node, 'guixu.node.run_index': event.runIndex } },
        traced.context,
      );
      traced.nodes.set(`${event.node}#${event.runIndex}`, span);
      return;
    }
    if (event.type === 'nodeFinished') {
      const key = `${event.node}#${event.runIndex}`;
      const span = traced.nodes.get(key);
      if (!span) return;
      traced.nodes.delete(key);
      span.setAttributes({
        'guixu.node.status': event.status,
        'guixu.node.items': event.itemCounts.reduce((sum, count) => sum + count, 0),
      });
      if (event.error) span.setStatus({ code: SpanStatusCode.ERROR, message: event.error.message });
      span.end();
      return;
    }
    const { span } = traced;
    if (event.type === 'executionWaiting') {
      span.addEvent('waiting', {
        'guixu.node.name': event.node,
        ...(event.waitTill ? { 'guixu.wait_till': event.waitTill } : {}),
      });
      span.setAttribute('guixu.execution.status', 'waiting');
    } else {
      span.setAttribute('guixu.execution.status', event.status);
      if (event.error) span.setStatus({ code: SpanStatusCode.ERROR, message: event.error.message });
    }
    for (const node of traced.nodes.values()) node.end();
    span.end();
    running.delete(event.executionId);
  };
  return events.subscribe(onEvent);
}
