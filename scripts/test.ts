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

function forgeCounts(): void {
  const result = spawnSync(bin('forge'), ['test', '--root', 'contracts', '--json'], { cwd: root, encoding: 'utf8' });
  const report = JSON.parse(result.stdout || '{}') as Record<
    string,
    { test_results: Record<string, { status: string }> }
  >;
  for (const suite of Object.values(report)) {
    for (const test of Object.values(suite.test_results ?? {})) {
      if (test.status === 'Success') passed += 1;
      else if (test.status === 'Failure') failed += 1;
    }
  }
}

const steps: [string, string, string[]][] = [
  ['lint', bin('biome'), ['check', '.']],
  ['types', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['contracts', bin('forge'), ['test', '--root', 'contracts']],
];
let ok = true;
for (const [title, command, args] of steps) {
  if (!run(title, command, args)) {
    ok = false;
    failed += 1;
    break;
  }
}
if (ok) {
  forgeCounts();
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
