// Sums vitest JSON reports (and failed non-test steps) into the one closing
// line CI reads: `N passed, N failed`. A report that is missing or unreadable
// counts as a failure, so a crashed runner can never look green.
import { readFileSync } from 'node:fs';

const [stepFailuresArg, ...reports] = process.argv.slice(2);
let passed = 0;
let failed = Number(stepFailuresArg) || 0;
for (const file of reports) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // Suites that fail to load report no tests; count each as a failure.
    for (const suite of report.testResults ?? []) {
      if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed += 1;
    }
  } catch (error) {
    console.error(`ci: no readable test report at ${file}: ${error.message}`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
