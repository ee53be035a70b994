import type { Feature } from '../../context.ts';
import { registerErrorStatus } from '../../http/http-errors.ts';
import { createRunner } from '../../runner/create-runner.ts';

registerErrorStatus('EXECUTION_NOT_WAITING', 409);
registerErrorStatus('EXECUTION_ALREADY_RESUMED', 409);
registerErrorStatus('EXECUTION_NOT_RUNNING', 409);

export const feature: Feature = {
  name: 'executions',
  // After workflows (it loads them), before triggers (they start executions).
  order: 25,
  setup(ctx) {
    ctx.services.provide('executions', createRunner(ctx));
  },
};
