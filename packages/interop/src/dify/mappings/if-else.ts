import { difyCases, filterValue } from '../conditions.ts';
import { type DifyMapping, records, text } from '../dify-mapping.ts';

/**
 * One case → IF (true 0, false 1); several cases → Switch with one rule per case
 * and the "else" branch on the extra fallback output.
 */
function caseIds(data: Record<string, unknown>): string[] {
  return Array.isArray(data.cases)
    ? records(data.cases).map((c) => text(c.case_id ?? c.id, 'true'))
    : ['true'];
}

const mapping: DifyMapping = {
  difyTypes: ['if-else'],
  outputIndex: (node, handle) => {
    const ids = caseIds(node.data);
    if (handle === 'false') return ids.length;
    const index = ids.indexOf(handle);
    return index >= 0 ? index : undefined;
  },
  translate: (node, ctx) => {
    const cases = difyCases(node.data, ctx);
    if (cases.length === 1) {
      return {
        type: 'guixu.if',
        parameters: { conditions: filterValue(cases[0]), looseTypeValidation: true, options: {} },
      };
    }
    return {
      type: 'guixu.switch',
      parameters: {
        mode: 'rules',
        rules: { values: cases.map((c) => ({ conditions: filterValue(c), renameOutput: false })) },
        looseTypeValidation: true,
        options: { fallbackOutput: 'extra' },
      },
    };
  },
};
export default mapping;
