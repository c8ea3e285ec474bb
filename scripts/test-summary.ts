/**
 * Prints the one closing line CI reads, `N passed, N failed`, from vitest's JSON report
 * (.cache/test-results.json). A run that executed nothing prints `0 passed, 0 failed` and fails.
 * `--typecheck-failed` (make test, when tsc found errors) counts the type-check as one more failure.
 *
 *   node scripts/test-summary.ts [report.json] [--typecheck-failed]
 */
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const typecheckFailed = args.includes('--typecheck-failed') ? 1 : 0;
const file = args.find((a) => !a.startsWith('--')) ?? '.cache/test-results.json';
if (!existsSync(file)) {
  console.log(`0 passed, ${1 + typecheckFailed} failed`);
  console.error(`no test report at ${file}: the test runner did not finish`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { status: string }[];
};
const failedSuites = report.testResults.filter((r) => r.status === 'failed').length;
const failed = report.numFailedTests + (report.numFailedTests === 0 ? failedSuites : 0) + typecheckFailed;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${typecheckFailed ? ' (the type-check failed)' : ''}`);
process.exit(failed === 0 && report.numPassedTests > 0 ? 0 : 1);
