// The load generator of bench/offers.ts, in its own process so it does not share an event loop
// with the service: autocannon cycles through GET paths and prints one JSON line with its figures.
// Usage: node bench/offersLoad.ts <spec.json>
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

type Spec = { url: string; connections: number; durationSeconds: number; paths: string[] };

const spec = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Spec;
const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.durationSeconds,
  requests: spec.paths.map((path) => ({ method: 'GET' as const, path })),
});
process.stdout.write(
  `${JSON.stringify({
    requests: result.requests.total,
    seconds: result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    latency: { p50: result.latency.p50, p99: result.latency.p99 },
  })}\n`,
);
