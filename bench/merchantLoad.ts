// The load generator of bench/merchant.ts, in its own process so it does not share an event loop
// with the service: autocannon cycles through the answer bodies it is given and prints one JSON
// line with its figures. Usage: node bench/merchantLoad.ts <spec.json>
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

type Spec = {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Stop after this many requests instead of after durationSeconds. */
  amount?: number;
  requests: { path: string; body: string }[];
};

const spec = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Spec;
const cpuBefore = process.cpuUsage();
const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.durationSeconds,
  ...(spec.amount ? { amount: spec.amount } : {}),
  requests: spec.requests.map((request) => ({
    method: 'POST' as const,
    path: request.path,
    body: request.body,
    headers: { 'content-type': 'application/json' },
  })),
});
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  `${JSON.stringify({
    cpuMs: (cpu.user + cpu.system) / 1000,
    requests: result.requests.total,
    seconds: result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latency: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.mean, max: result.latency.max },
  })}\n`,
);
