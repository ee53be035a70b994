import { langchain } from '../langchain-mapping.ts';

/** Calculator tool: no parameters. */
export default langchain('toolCalculator', 'guixu.toolCalculator', () => ({}), {
  typeVersion: 1,
  parameters: () => ({}),
});
