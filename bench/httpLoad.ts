// The bench's HTTP load generator (bench/merchant.ts, bench/offers.ts): autocannon in its own
// process, so it does not share an event loop with the service it measures. It cycles through the
// requests it is given and prints one JSON line with its figures.
// Usage: node bench/httpLoad.ts <spec.json>; from the bench, `await runLoad(spec)`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

export type LoadSpec = {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Stop after this many requests instead of after durationSeconds. */
  amount?: number;
  /** A body makes a JSON POST; no body, a GET. */
  requests: { path: string; body?: string }[];
};

export type LoadResult = {
  requests: number;
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number; mean: number; max: number };
  /** The load generator's own CPU time (user + system) during the run. */
  cpuMs: number;
};

/** Runs the load generator as a child process and returns its figures. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'decdp-bench-load-'));
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify(spec));
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [import.meta.filename, specPath], { stdio: ['ignore', 'pipe', 'inherit'] });
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
      });
      child.once('error', reject);
      child.once('exit', (code) => {
        try {
          if (code !== 0) throw new Error(`load generator exited ${code}`);
          resolve(JSON.parse(output.trim().split('\n').at(-1) as string) as LoadResult);
        } catch (error) {
          reject(error);
        }
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function generateLoad(spec: LoadSpec): Promise<LoadResult> {
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    ...(spec.amount ? { amount: spec.amount } : {}),
    requests: spec.requests.map((request) =>
      request.body === undefined
        ? { method: 'GET' as const, path: request.path }
        : {
            method: 'POST' as const,
            path: request.path,
            body: request.body,
            headers: { 'content-type': 'application/json' },
          },
    ),
  });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    requests: result.requests.total,
    seconds: result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latency: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.mean, max: result.latency.max },
  };
}

if (import.meta.main) {
  const spec = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as LoadSpec;
  process.stdout.write(`${JSON.stringify(await generateLoad(spec))}\n`);
}
