import type { WorkflowRecord } from '@guixu/api';
import {
  GuixuError,
  type RunState,
  toPlainError,
  validateWorkflow,
  type Workflow,
  type WorkflowNode,
} from '@guixu/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../../context.ts';
import { authRequired } from '../../security/errors.ts';
import { checkAccess } from '../../security/require-access.ts';
import { locateResource } from '../../security/resources.ts';
import type { AnswerStreams } from './answer-streams.ts';

export const CHAT_TRIGGER_TYPE = 'guixu.chatTrigger';

/** An active workflow with a Chat Trigger, ready to answer messages. */
export interface ChatTarget {
  workflowId: string;
  version: number;
  projectId: string | null;
  title: string;
  workflow: Workflow;
  trigger: WorkflowNode;
  public: boolean;
  initialMessages: string[];
}

function chatNotFound(workflowId: string): GuixuError {
  return new GuixuError('CHAT_NOT_FOUND', `There is no active chat at /chat/${workflowId}`, {
    details: { workflowId },
    description: 'The workflow must exist, have an enabled Chat Trigger and be active.',
  });
}

/** The text the chat shows for a finished run: the last node's `output` (agent) or `text` (chain). */
export function answerOf(state: RunState): string {
  const last = state.lastNodeExecuted;
  const json = last ? state.runData[last]?.at(-1)?.data?.main[0]?.[0]?.json : undefined;
  if (json === undefined) return '';
  for (const key of ['output', 'text', 'answer', 'response']) {
    const value = json[key];
    if (typeof value === 'string') return value;
  }
  return JSON.stringify(json);
}

function initialMessagesOf(node: WorkflowNode): string[] {
  const value = node.parameters.initialMessages;
  const text = typeof value === 'string' && !value.startsWith('=') ? value : 'Hi there! 👋';
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * The hosted chat page and widget: `POST /chat/:workflowId/messages` starts a run
 * of the active workflow at its Chat Trigger and answers as server-sent events
 * (`start`, `delta` for each streamed part, then `done` or `error`).
 */
export class HostedChat {
  private readonly documents = new Map<string, Workflow>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly streams: AnswerStreams,
  ) {}

  async target(workflowId: string): Promise<ChatTarget> {
    let record: WorkflowRecord;
    try {
      record = await this.ctx.services.get('workflows').get(workflowId);
    } catch {
      throw chatNotFound(workflowId);
    }
    const trigger = record.nodes.find((n) => n.type === CHAT_TRIGGER_TYPE && n.disabled !== true);
    if (!record.active || !trigger) throw chatNotFound(workflowId);
    return {
      workflowId,
      version: record.version,
      projectId: record.projectId,
      title: record.name,
      workflow: this.documentOf(record),
      trigger,
      public: trigger.parameters.public === true,
      initialMessages: initialMessagesOf(trigger),
    };
  }

  /** A chat that is not public is for signed-in members who may run the workflow. */
  async authorize(request: FastifyRequest, target: ChatTarget): Promise<void> {
    if (target.public) return;
    const security = this.ctx.services.get('security');
    const actor = await security.authenticate(request);
    if (actor === undefined) throw authRequired();
    await checkAccess(this.ctx, request, actor, {
      resource: 'workflow',
      action: 'execute',
      resourceFrom: () => locateResource(security.db, 'workflow', target.workflowId),
    });
  }

  async send(
    target: ChatTarget,
    message: { sessionId: string; chatInput: string },
    reply: FastifyReply,
  ): Promise<void> {
    const runner = this.ctx.services.get('executions');
    const executionId = runner.newExecutionId();
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      'x-execution-id': executionId,
    });
    const event = (name: string, data: unknown) => {
      if (!raw.writableEnded) raw.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    // The id is known before the run starts, so `start` always precedes the first `delta`.
    event('start', { executionId, sessionId: message.sessionId });
    const stop = this.streams.listen(executionId, (delta) => event('delta', { text: delta }));
    try {
      const started = await runner.start({
        workflow: target.workflow,
        workflowId: target.workflowId,
        workflowVersion: target.version,
        projectId: target.projectId,
        mode: 'chat',
        executionId,
        triggerNode: target.trigger.name,
        triggerItems: [
          { json: { sessionId: message.sessionId, action: 'sendMessage', chatInput: message.chatInput } },
        ],
        trigger: { kind: 'chat', node: target.trigger.name },
      });
      const state = await started.finished;
      if (state.status === 'error' || state.status === 'canceled') {
        event(
          'error',
          this.failure(target, state.error ?? { code: 'EXECUTION_FAILED', message: 'The run failed' }),
        );
      } else {
        event('done', { executionId, answer: answerOf(state) });
      }
    } catch (error) {
      event('error', this.failure(target, toPlainError(error)));
    } finally {
      stop();
      raw.end();
    }
  }

  /** Public visitors see the code only; members see the message too (it names the node and the problem). */
  private failure(target: ChatTarget, error: { code: string; message: string }) {
    return target.public
      ? { code: error.code, message: `The assistant could not answer (${error.code}).` }
      : { code: error.code, message: error.message };
  }

  private documentOf(record: WorkflowRecord): Workflow {
    const key = `${record.id}@${record.version}`;
    const cached = this.documents.get(key);
    if (cached) return cached;
    const { errors, workflow } = validateWorkflow(
      {
        id: record.id,
        name: record.name,
        nodes: record.nodes,
        connections: record.connections,
        settings: record.settings,
      },
      this.ctx.registry,
    );
    if (!workflow) {
      throw new GuixuError(
        'WORKFLOW_INVALID',
        `The chat's workflow is invalid: ${errors[0]?.message ?? ''}`,
        {
          details: { errors },
        },
      );
    }
    if (this.documents.size >= 100) this.documents.delete(this.documents.keys().next().value ?? key);
    this.documents.set(key, workflow);
    return workflow;
  }
}
