// `npm test`: lint, types, Solidity tests, then every Vitest project (unit, integration against
// real servers, browser). Stops at the first failing step; ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const vitestReport = join(root, 'test-results', 'vitest.json');
let passed = 0;
let failed = 0;

function run(title: string, command: string, args: string[]): boolean {
  const started = Date.now();
  console.log(`\n=== ${title}: ${[command.split('/').pop(), ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  console.log(
    `=== ${title}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
  return ok;
}

/** Solidity tests, run once with --json: a line per suite, every failure with its reason. */
function runForge(): boolean {
  const started = Date.now();
  console.log('\n=== contracts: forge test --root contracts --json');
  const result = spawnSync(bin('forge'), ['test', '--root', 'contracts', '--json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  });
  let report: Record<string, { test_results?: Record<string, { status: string; reason?: string | null }> }> = {};
  try {
    report = JSON.parse(result.stdout || '{}');
  } catch {
    process.stdout.write(result.stdout ?? '');
  }
  process.stderr.write(result.stderr ?? '');
  let suitePassed = 0;
  let suiteFailed = 0;
  for (const [suite, { test_results: tests = {} }] of Object.entries(report)) {
    const entries = Object.entries(tests);
    const failures = entries.filter(([, test]) => test.status === 'Failure');
    suitePassed += entries.length - failures.length;
    suiteFailed += failures.length;
    console.log(`  ${suite.split(':').pop()}: ${entries.length - failures.length} passed, ${failures.length} failed`);
    for (const [name, test] of failures) console.log(`    FAILED ${name}: ${test.reason ?? 'no reason given'}`);
  }
  passed += suitePassed;
  failed += suiteFailed;
  const ok = result.status === 0 && suiteFailed === 0 && suitePassed > 0;
  console.log(
    `=== contracts: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`}, ${suitePassed} tests in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
  return ok;
}

const steps: [string, string, string[]][] = [
  ['lint', bin('biome'), ['check', '.']],
  ['types', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
];
let ok = true;
for (const [title, command, args] of steps) {
  if (!run(title, command, args)) {
    ok = false;
    failed += 1;
    break;
  }
}
if (ok && !runForge()) ok = false;
if (ok) {
  rmSync(vitestReport, { force: true });
  ok = run('vitest (unit, integration, browser)', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestReport}`,
  ]);
  try {
    const report = JSON.parse(readFileSync(vitestReport, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  } catch {
    if (!ok) failed += 1;
  }
  if (!ok && failed === 0) failed = 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
