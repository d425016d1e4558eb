// Prints one closing line for the whole suite, "N passed, N failed", from the
// unit (Vitest) and browser (Playwright) JSON reports.
import { readFileSync, existsSync } from 'node:fs';

let passed = 0;
let failed = 0;
if (existsSync('reports/unit.json')) {
  const u = JSON.parse(readFileSync('reports/unit.json', 'utf8'));
  passed += u.numPassedTests;
  failed += u.numFailedTests;
}
if (existsSync('reports/e2e.json')) {
  const e = JSON.parse(readFileSync('reports/e2e.json', 'utf8'));
  passed += e.stats.expected;
  failed += e.stats.unexpected + e.stats.flaky;
}
console.log(`${passed} passed, ${failed} failed`);
