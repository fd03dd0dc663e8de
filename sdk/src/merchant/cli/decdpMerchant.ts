#!/usr/bin/env -S node --disable-warning=ExperimentalWarning
// `decdp-merchant serve`: the merchant service as a process. Progress goes to stderr, one line per
// step, ending with a ready line; with --json every line (progress, ready, request logs) is one JSON
// object on stdout, for scripts and supervisors.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Wallet } from 'ethers';
import pino from 'pino';
import { DecdpError, InvalidInputError } from '../../errors/index.ts';
import { createIssuerKey } from '../../proof/createIssuerKey.ts';
import { redact } from '../../store/openPostgresStore.ts';
import { openStore } from '../../store/openStore.ts';
import { schedulePurge } from '../../store/schedulePurge.ts';
import { ISSUER_PRIVATE_KEY, MERCHANT_PRIVATE_KEY } from '../../testing/demo.ts';
import { loadNodeArtifacts } from '../../zk/loadNodeArtifacts.ts';
import { createVerifierThreads } from '../service/answerVerifier.ts';
import { createMerchantService } from '../service/createMerchantService.ts';
import { createMetricsRegistry } from '../service/metrics.ts';
import { serveMerchantService } from '../service/serveMerchantService.ts';

const USAGE = `Usage: decdp-merchant serve [options]

  --port N             listen on 127.0.0.1:N (default 8787; 0 = any free port)
  --db PATH|URL        SQLite file, or postgres://user@host:port/db (default merchant.sqlite)
  --key HEX            merchant private key (or env DECDP_MERCHANT_KEY)
  --name TEXT          merchant name shown to people (default "DeCDP merchant")
  --trusted-issuer H   issuer key hash (decimal) to trust; repeat for several
  --public-url URL     where wallets reach this service (default http://localhost:PORT/)
  --allowed-origin O   a page origin allowed by CORS; repeat for several
  --rate-limit N       requests per minute per client (default 600; 0 = off)
  --threads N          verifier worker threads for batched checks (default: cores; 0 = none)
  --purge-every S      purge expired and revoked records every S seconds (default 3600)
  --demo               use the public demo merchant key and trust the demo issuer (local only)
  --json               machine output: JSON lines on stdout
  --help`;

function fail(message: string, json: boolean): never {
  if (json) process.stdout.write(`${JSON.stringify({ event: 'error', error: { code: 'INVALID_INPUT', message } })}\n`);
  else process.stderr.write(`decdp-merchant: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '8787' },
      db: { type: 'string', default: 'merchant.sqlite' },
      key: { type: 'string' },
      name: { type: 'string', default: 'DeCDP merchant' },
      'trusted-issuer': { type: 'string', multiple: true, default: [] },
      'public-url': { type: 'string' },
      'allowed-origin': { type: 'string', multiple: true, default: [] },
      'rate-limit': { type: 'string', default: '600' },
      threads: { type: 'string' },
      'purge-every': { type: 'string', default: '3600' },
      demo: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const json = values.json;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals[0] !== 'serve') fail(`unknown command "${positionals[0] ?? ''}"`, json);
  const integer = (name: string, text: string) => {
    if (!/^\d+$/.test(text)) fail(`--${name} must be a whole number, got "${text}"`, json);
    return Number(text);
  };
  const port = integer('port', values.port);
  const rateLimit = integer('rate-limit', values['rate-limit']);
  const threads = integer('threads', values.threads ?? String(availableParallelism()));
  const purgeEvery = integer('purge-every', values['purge-every']);
  const key = values.key ?? process.env.DECDP_MERCHANT_KEY ?? (values.demo ? MERCHANT_PRIVATE_KEY : undefined);
  if (!key) fail('no merchant key: pass --key, set DECDP_MERCHANT_KEY, or --demo for the public demo key', json);
  const trusted = values['trusted-issuer'].map((hash) => {
    if (!/^\d{1,78}$/.test(hash)) fail(`--trusted-issuer must be a decimal key hash, got "${hash}"`, json);
    return BigInt(hash);
  });
  if (values.demo) trusted.push((await createIssuerKey({ privateKey: ISSUER_PRIVATE_KEY })).keyHash);
  if (trusted.length === 0) fail('trust at least one issuer: --trusted-issuer HASH (or --demo)', json);

  const logger = json ? pino({ base: null }) : pino({ base: null }, pino.destination(2));
  const progress = (step: string, fields: Record<string, unknown> = {}) => {
    if (json) process.stdout.write(`${JSON.stringify({ event: 'progress', step, ...fields })}\n`);
    else process.stderr.write(`decdp-merchant: ${step}\n`);
  };

  let signer: Wallet;
  try {
    signer = new Wallet(key);
  } catch (cause) {
    throw new InvalidInputError('--key is not a valid private key.', { field: 'key', cause });
  }
  const where = /^postgres/.test(values.db) ? redact(values.db) : values.db;
  progress(`opening the store ${where}`);
  const store = await openStore({ db: values.db });
  progress('loading the verification key');
  const artifacts = await loadNodeArtifacts();
  const verifier =
    threads > 0 ? await createVerifierThreads({ verificationKey: artifacts.verificationKey, threads }) : undefined;
  if (verifier) progress(`${threads} verifier threads`);
  const metrics = createMetricsRegistry();
  const purged = metrics.counter('decdp_light_records_purged_total', 'Light records purged (expired or revoked).');
  const purge = schedulePurge({
    store,
    everySeconds: purgeEvery || 3600,
    onPurged: (count) => {
      purged.inc({}, count);
      if (count > 0) logger.info({ purged: count }, 'purged expired and revoked records');
    },
    onError: (error) => logger.error({ err: error }, 'purge failed'),
  });
  // The port must be known for the public URL: serve first, then the app answers.
  let app: ReturnType<typeof createMerchantService> | undefined;
  const server = await serveMerchantService({
    app: { fetch: (request: Request, env?: object) => (app as NonNullable<typeof app>).fetch(request, env) },
    port,
  });
  app = createMerchantService({
    signer,
    name: values.name,
    publicUrl: values['public-url'] ?? server.url,
    store,
    verificationKey: artifacts.verificationKey,
    trustedIssuers: trusted,
    allowedOrigins: values['allowed-origin'],
    rateLimit: rateLimit === 0 ? false : { max: rateLimit },
    logger,
    metrics,
    ...(verifier ? { proofVerifier: verifier } : {}),
  });
  const ready = { event: 'ready', url: server.url, port: server.port, merchant: signer.address, db: where, threads };
  if (json) process.stdout.write(`${JSON.stringify(ready)}\n`);
  else process.stderr.write(`decdp-merchant: ready on ${server.url} (merchant ${signer.address})\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    progress(`stopping (${signal})`);
    purge.stop();
    await server.close().catch(() => {});
    await verifier?.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

if (import.meta.main) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    const body =
      error instanceof DecdpError ? error.toJSON() : { code: 'INTERNAL', message: String((error as Error)?.message) };
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ event: 'error', error: body })}\n`);
    else process.stderr.write(`decdp-merchant: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
