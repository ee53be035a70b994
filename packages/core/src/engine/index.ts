export { applyCheckpoint, rebuildState } from './checkpoint.ts';
export { cancelCheckpoint, failCheckpoint } from './transitions.ts';
export {
  DEFAULT_EXECUTION_DATA_BYTES,
  DEFAULT_NODE_OUTPUT_BYTES,
  executionDataSize,
  jsonSize,
} from './data-size.ts';
export { createEngine, type Engine } from './engine.ts';
export { finalItems, inputsOf, itemsAt } from './run-data-helpers.ts';
export { emptyRunState } from './start.ts';
export { createInProcessSubWorkflowRunner, type InProcessSubWorkflowOptions } from './sub-workflow.ts';
export type * from './types.ts';
export { checkDurability, comparableRun, type DurabilityCase, type DurabilityResult } from './durability.ts';
