import { GuixuError, type NodeRunContext } from '@guixu/core';

/**
 * A parameter whose default is an expression (`={{ $json.chatInput }}`): the engine
 * resolves expressions only in values stored on the node, so an untouched default
 * arrives as text and is evaluated here against the item.
 */
export function textWithDefault(
  ctx: Pick<NodeRunContext, 'evaluate'>,
  value: string,
  itemIndex: number,
): string {
  if (!value.startsWith('=')) return value;
  const resolved = ctx.evaluate(value, itemIndex);
  return resolved === null || resolved === undefined ? '' : String(resolved);
}

/** The prompt of a chain or agent for an item; an empty one is the user's mistake, named as such. */
export function promptOf(ctx: Pick<NodeRunContext, 'evaluate'>, value: string, itemIndex: number): string {
  const prompt = textWithDefault(ctx, value, itemIndex);
  if (!prompt.trim()) {
    throw new GuixuError('AI_PROMPT_EMPTY', 'The prompt is empty', {
      parameter: 'prompt',
      description: 'Enter a prompt, or map one from the input (e.g. {{ $json.chatInput }}).',
    });
  }
  return prompt;
}
