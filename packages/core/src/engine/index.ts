export { applyCheckpoint, rebuildState } from './checkpoint.ts';
export { createEngine, type Engine } from './engine.ts';
export { finalItems, inputsOf, itemsAt } from './run-data-helpers.ts';
export { createInProcessSubWorkflowRunner, type InProcessSubWorkflowOptions } from './sub-workflow.ts';
export type * from './types.ts';
export { checkDurability, comparableRun, type DurabilityCase, type DurabilityResult } from './durability.ts';
