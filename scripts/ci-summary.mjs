// Sums vitest JSON reports (`--reporter=json --outputFile.json=…`) and CI step
// results into the lines .ci/run ends with. Usage:
//   node scripts/ci-summary.mjs <steps.tsv> <report.json>...
// steps.tsv: one `name<TAB>exit code<TAB>seconds` line per step.
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const logsAt = args.indexOf('--logs');
const [stepsFile, ...reports] = logsAt < 0 ? args : args.slice(0, logsAt);
const logs = logsAt < 0 ? [] : args.slice(logsAt + 1).filter((file) => existsSync(file));
// vitest colours its output: the escape sequences go before lines are matched.
const ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const stripped = logs.map((file) => readFileSync(file, 'utf8').replace(ESCAPES, '').split('\n'));

/**
 * What vitest printed for a file that failed with no failed test (a describe block's hook threw): the
 * JSON report keeps no message for it, the log's "Failed Suites" block does.
 */
function suiteBlocks(testFile) {
  const relative = testFile.split('/packages/').pop() ?? testFile;
  const found = [];
  for (const lines of stripped) {
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*FAIL\s/.test(lines[i]) || !lines[i].includes(relative)) continue;
      const block = [lines[i].trim()];
      for (let j = i + 1; j < lines.length && block.length < 14; j++) {
        if (/^\s*(FAIL\s|⎯)/.test(lines[j])) break;
        if (lines[j].trim() !== '') block.push(lines[j].slice(0, 300));
      }
      found.push(block.map((line) => `      ${line}`).join('\n'));
      if (found.length >= 3) return found;
    }
  }
  return found;
}
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
// The first lines of a failure (message and the test file's own stack frames): enough to act on when
// the CI log is the only record.
function why(messages = [], testFile = '') {
  const lines = messages.join('\n').split('\n');
  const head = lines.filter((line) => !/^\s+at /.test(line)).slice(0, 8);
  const base = testFile.split('/').pop();
  const frames = lines.filter((line) => /^\s+at /.test(line) && base && line.includes(base)).slice(0, 3);
  return [...head, ...frames].map((line) => `      ${line.slice(0, 300)}`).join('\n');
}
for (const file of reports) {
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const suite of report.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'failed')
        failures.push(
          `  ${file.split('/').pop()}: ${test.fullName}\n${why(test.failureMessages, suite.name)}`,
        );
    }
    // A file that fails to load, or whose hooks throw, has a failed status with no failed test.
    const anyFailed = (suite.assertionResults ?? []).some((test) => test.status === 'failed');
    if (suite.status === 'failed' && !anyFailed) {
      failed += 1;
      const message = (suite.message ?? '').split('\n')[0];
      const blocks = message ? [] : suiteBlocks(suite.name);
      failures.push(
        [
          `  ${file.split('/').pop()}: ${suite.name} (${message || 'a hook failed; what the log said:'})`,
          ...blocks,
        ].join('\n'),
      );
    }
  }
}
const steps = readFileSync(stepsFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => {
    const [name, code, seconds] = line.split('\t');
    return { name, code: Number(code), seconds: Number(seconds) };
  });
console.log('\nCI steps:');
for (const step of steps)
  console.log(`  ${step.code === 0 ? 'ok  ' : 'FAIL'} ${String(step.seconds).padStart(5)} s  ${step.name}`);
if (failures.length > 0) console.log(`\nFailed tests:\n${failures.join('\n')}`);
const failedSteps = steps.filter((s) => s.code !== 0).length;
console.log(
  `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${failedSteps ? ` (${failedSteps} step(s) failed)` : ''}`,
);
process.exit(failed > 0 || failedSteps > 0 ? 1 : 0);
