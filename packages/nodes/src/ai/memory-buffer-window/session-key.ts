import { GuixuError, type NodeRunContext, p } from '@guixu/core';

/**
 * Where a chat session's turns are kept: per workflow, so another workflow (another
 * project's, possibly) with the same session id never reads this chat.
 */
export function sessionKeyOf(ctx: Pick<NodeRunContext, 'workflow'>, sessionId: string): string {
  if (!sessionId.trim()) {
    throw new GuixuError('AI_SESSION_ID_MISSING', 'The memory needs a session ID', {
      parameter: 'sessionId',
      description: 'Map one from the input (e.g. {{ $json.sessionId }}) or enter a fixed one.',
    });
  }
  return `${ctx.workflow.id ?? ctx.workflow.name}:${sessionId}`;
}

/** The parameters every chat memory node has: which session, and how many turns it sends. */
export const sessionParams = {
  sessionId: p.string({
    label: 'Session ID',
    default: '={{ $json.sessionId }}',
    required: true,
    description: 'Turns are remembered per session (the Chat Trigger sets `sessionId`).',
  }),
  contextWindowLength: p.number({
    label: 'Context Window Length',
    default: 5,
    min: 1,
    max: 100,
    integer: true,
    description: 'How many earlier turns (question and answer) are sent to the model.',
  }),
};
