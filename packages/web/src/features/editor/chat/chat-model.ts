import type { WorkflowDoc } from '../model/document.ts';
import type { ExecutionDetail } from '../run/run-data.ts';
import { stepsOfRun, type TimelineEntry, toolNodesOf } from '../steps/agent-steps.ts';

/** The Chat Trigger's node type; a workflow with one (enabled) gets the chat panel. */
export const CHAT_TRIGGER = 'guixu.chatTrigger';

/** One server-sent event: its name and its JSON data. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * Splits a server-sent-events text into complete events; the unfinished tail is
 * returned to be prefixed to the next chunk.
 */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  const blocks = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length === 0) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.join('\n'));
    } catch {
      parsed = data.join('\n');
    }
    events.push({ event, data: parsed });
  }
  return { events, rest };
}

export type { StepToolCall as TimelineToolCall, TimelineEntry } from '../steps/agent-steps.ts';

/**
 * The run as a timeline: nodes in the order they started; an agent's output
 * `steps` (every model call with its text, usage and tool calls) become entries
 * of their own under it (`steps/agent-steps.ts`, shared with the node panel).
 */
export function timelineOf(runData: ExecutionDetail['runData'], doc?: WorkflowDoc): TimelineEntry[] {
  const runs = Object.entries(runData).flatMap(([node, list]) => list.map((run) => ({ node, run })));
  runs.sort((a, b) => a.run.startTime - b.run.startTime);
  const out: TimelineEntry[] = [];
  for (const { node, run } of runs) {
    out.push({
      node,
      kind: 'node',
      durationMs: run.executionTime,
      failed: run.executionStatus === 'error',
      toolCalls: [],
      ...(run.error ? { text: run.error.message } : {}),
    });
    out.push(...stepsOfRun(node, run, doc ? toolNodesOf(doc, node) : undefined));
  }
  return out;
}

/** The answer of a finished run: the last node's `output` or `text` (as the hosted chat answers). */
export function answerOf(items: readonly { json: Record<string, unknown> }[] | undefined): string {
  const json = items?.[0]?.json;
  if (!json) return '';
  for (const key of ['output', 'text', 'answer']) {
    const value = json[key];
    if (typeof value === 'string') return value;
  }
  return JSON.stringify(json);
}

/** A new chat session id. */
export function newSessionId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
