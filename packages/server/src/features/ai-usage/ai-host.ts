import type { ServerContext } from '../../context.ts';
import type { AiCall, AiHost, AiRun } from '../../execution-host/ai-services.ts';
import type { Budgets } from './budgets.ts';
import type { PriceTable } from './price-table.ts';
import type { UsageLog } from './usage-log.ts';

/**
 * The main thread's answers to runs' AI calls. Usage and budgets are this
 * feature's; chat memory, streams and prompt templates belong to ai-chat and
 * ai-prompts, looked up when called (they are set up after this feature).
 */
export function createAiHost(
  ctx: ServerContext,
  parts: { prices: PriceTable; usage: UsageLog; budgets: Budgets },
): AiHost {
  return {
    prices: (projectId) => parts.prices.forProject(projectId),
    stream: (executionId, delta) => ctx.services.get('aiChat').streams.emit(executionId, delta),
    serve(run: AiRun, call: AiCall): Promise<unknown> {
      switch (call.op) {
        case 'usage.record':
          return parts.usage.record(run, call.usage, call.where);
        case 'usage.check':
          return parts.budgets.check(run.projectId, call.where);
        case 'memory.load':
          return ctx.services.get('aiChat').memory.load(run, call.key, call.turns);
        case 'memory.append':
          return ctx.services.get('aiChat').memory.append(run, call.key, call.messages);
        case 'memory.clear':
          return ctx.services.get('aiChat').memory.clear(run, call.key);
        case 'prompt.get':
          return ctx.services.get('aiPrompts').forRun(run, call.id, call.version);
      }
    },
  };
}
