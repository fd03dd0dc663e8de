// `npm test`: lint, types, Solidity tests, then every Vitest project (unit, integration against
// real servers, browser). Stops if lint or types fail; ends with one "N passed, N failed" line.
// The Solidity tests run beside the Vitest processes (their output comes when they are done).
// The browser project runs in a second Vitest process beside unit + integration: each project runs
// one file at a time, and a browser file spends much of its time waiting (on Chromium, a proof,
// a timer), so the two streams share the machine's cores instead of taking turns.
// DECDP_TEST_SERIAL=1 runs them one after the other (a machine already busy with other work).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
/** Each Vitest process's JSON report, by the projects it runs. */
const vitestRuns = [
  { label: 'unit+integration', projects: ['unit', 'integration'], report: 'vitest.json' },
  { label: 'browser', projects: ['browser'], report: 'vitest-browser.json' },
].map((run) => ({ ...run, report: join(root, 'test-results', run.report) }));
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

/** Solidity tests, run once with --json: a line per suite, every failure with its reason (printed when done). */
async function runForge(): Promise<boolean> {
  const started = Date.now();
  console.log('\n=== contracts: forge test --root contracts --json');
  const child = spawn(bin('forge'), ['test', '--root', 'contracts', '--json'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  child.stdout.on('data', (chunk: Buffer) => chunks.stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => chunks.stderr.push(chunk));
  const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
    child.on('close', (code, killed) => done([code, killed])),
  );
  const result = {
    status,
    signal,
    stdout: Buffer.concat(chunks.stdout).toString('utf8'),
    stderr: Buffer.concat(chunks.stderr).toString('utf8'),
  };
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
/** One Vitest process; its output lines are prefixed with its label (the two run side by side). */
function runVitest(label: string, projects: string[], report: string): Promise<boolean> {
  const started = Date.now();
  const args = [
    'run',
    ...projects.map((project) => `--project=${project}`),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ];
  console.log(`\n=== vitest ${label}: vitest ${args.join(' ')}`);
  const child = spawn(bin('vitest'), args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) =>
      out.write(`[${label}] ${line}\n`),
    );
  }
  return new Promise((done) =>
    child.on('close', (code, signal) => {
      const ok = code === 0;
      console.log(
        `=== vitest ${label}: ${ok ? 'ok' : `FAILED (exit ${code ?? signal})`} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
      );
      done(ok);
    }),
  );
}

if (ok) {
  const started = Date.now();
  for (const { report } of vitestRuns) rmSync(report, { force: true });
  const results: boolean[] = [];
  if (process.env.DECDP_TEST_SERIAL) {
    if (!(await runForge())) ok = false;
    for (const { label, projects, report } of vitestRuns) results.push(await runVitest(label, projects, report));
  } else {
    // forge's invariant runs are CPU-bound for minutes: beside the Vitest processes, not before them.
    const [forgeOk, ...vitestOk] = await Promise.all([
      runForge(),
      ...vitestRuns.map(({ label, projects, report }) => runVitest(label, projects, report)),
    ]);
    if (!forgeOk) ok = false;
    results.push(...vitestOk);
  }
  console.log(`=== forge and vitest: all in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  for (const [index, { report }] of vitestRuns.entries()) {
    const runOk = results[index] === true;
    if (!runOk) ok = false;
    try {
      const counts = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number };
      passed += counts.numPassedTests;
      failed += counts.numFailedTests;
      if (!runOk && counts.numFailedTests === 0) failed += 1;
    } catch {
      if (!runOk) failed += 1;
    }
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
