#!/usr/bin/env -S node --disable-warning=ExperimentalWarning
// `decdp-merchant serve`: the merchant service as a process. Progress goes to stderr, one line per
// step, ending with a ready line; with --json every line (progress, ready, request logs) is one JSON
// object on stdout, for scripts and supervisors.
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { JsonRpcProvider, NonceManager, Wallet } from 'ethers';
import pino from 'pino';
import { exitWithError } from '../../errors/exitWithError.ts';
import { InvalidInputError } from '../../errors/index.ts';
import { serveHttp } from '../../http/serveHttp.ts';
import { loginWithClientCredentials } from '../../pod/node/loginWithClientCredentials.ts';
import { parseWith } from '../../protocol/parse.ts';
import { predicateSchema, type RequestPredicate } from '../../protocol/request.ts';
import { redact } from '../../store/openPostgresStore.ts';
import { openStore } from '../../store/openStore.ts';
import { schedulePurge } from '../../store/schedulePurge.ts';
import { loadNodeArtifacts } from '../../zk/loadNodeArtifacts.ts';
import { getPoseidon } from '../../zk/poseidon.ts';
import { createCampaignDesk } from '../campaignDesk.ts';
import { createVerifierThreads } from '../service/answerVerifier.ts';
import { createMerchantService } from '../service/createMerchantService.ts';
import { createMetricsRegistry } from '../service/metrics.ts';
import { type RegistryTrust, trustIssuersFromRegistry } from '../trustIssuersFromRegistry.ts';
import { CAMPAIGNS_USAGE, campaignsCommand } from './campaignsCommand.ts';
import { connectRewards, type RewardsConfig } from './connectRewards.ts';
import { INBOXES_USAGE, inboxesCommand } from './inboxesCommand.ts';
import { MASKS_USAGE, masksCommand } from './masksCommand.ts';
import { TOKENS_USAGE, tokensCommand } from './tokensCommand.ts';

const USAGE = `Usage: decdp-merchant serve [options]
       decdp-merchant tokens <create|list|revoke> [options]
       decdp-merchant campaigns <create|top-up|pause|resume|close|list> [options]
       decdp-merchant inboxes <list|forget> [options]
       decdp-merchant masks <list|ask|requests|pay> [options]

  --config PATH        a JSON file of these options by long name ({"port": 8787, "campaign": ["1"], …});
                       flags given on the command line win; keys are never read from it
  --port N             listen on 127.0.0.1:N (default 8787; 0 = any free port)
  --db PATH|URL        SQLite file, or postgres://user@host:port/db (default merchant.sqlite)
  --key HEX            merchant private key (or env DECDP_MERCHANT_KEY, or --key-file)
  --key-file PATH      a file holding the merchant private key
  --name TEXT          merchant name shown to people (default "DeCDP merchant")
  --trusted-issuer H   issuer key hash (decimal) to trust; repeat for several (with
                       --issuer-registry: accept only these, each while the registry trusts it)
  --issuer-registry A  trust the issuers IssuerRegistry A trusts, kept current from its events
                       (needs --rpc-url); a key revoked on-chain is refused from the next block read
  --registry-from-block N   the registry's deployment block (default 0)
  --registry-poll-ms N      how often new blocks are read (default 1000)
  --public-url URL     where wallets reach this service (default http://localhost:PORT/)
  --allowed-origin O   a page origin allowed by CORS; repeat for several
  --rate-limit N       requests per minute per client (default 600; 0 = off)
  --threads N          verifier worker threads for batched checks (default: cores; 0 = none)
  --purge-every S      purge expired and revoked records every S seconds (default 3600)
  --json               machine output: JSON lines on stdout
  --help

Rewards and campaigns (--rpc-url and --pool; the merchant's campaigns are then managed at
/campaigns and by \`decdp-merchant campaigns\`):
  --rpc-url URL        the chain's JSON-RPC endpoint (also for --issuer-registry)
  --pool ADDRESS       the RewardPool
  --campaign ID        a configured campaign id (with --campaign-predicate); repeat for several:
                       the first pays \`reward: true\` answers by default,
                       POST /claims relays for all
  --campaign-predicate JSON   the first campaign's predicate, e.g. {"attribute":"age","op":"gte","value":18}
  --relayer-key-file PATH     the key that pays the claims' gas (or env DECDP_RELAYER_KEY;
                       default: the merchant key)

Delivery and listing:
  --public-requests    GET /requests lists open requests to anyone (public offers; default off)
  --solid-issuer URL   the merchant's Solid server: POST /requests/:id/deliveries appends to
  --solid-client-id ID   connected inboxes with these client credentials (secret: env
                       DECDP_SOLID_CLIENT_SECRET)

${TOKENS_USAGE}

${CAMPAIGNS_USAGE}

${INBOXES_USAGE}

${MASKS_USAGE}`;

const OPTIONS = {
  config: { type: 'string' },
  port: { type: 'string' },
  db: { type: 'string' },
  key: { type: 'string' },
  'key-file': { type: 'string' },
  name: { type: 'string' },
  'trusted-issuer': { type: 'string', multiple: true },
  'issuer-registry': { type: 'string' },
  'registry-from-block': { type: 'string' },
  'registry-poll-ms': { type: 'string' },
  'public-url': { type: 'string' },
  'allowed-origin': { type: 'string', multiple: true },
  'rate-limit': { type: 'string' },
  threads: { type: 'string' },
  'purge-every': { type: 'string' },
  'rpc-url': { type: 'string' },
  pool: { type: 'string' },
  campaign: { type: 'string', multiple: true },
  'campaign-predicate': { type: 'string' },
  'relayer-key-file': { type: 'string' },
  'public-requests': { type: 'boolean' },
  'solid-issuer': { type: 'string' },
  'solid-client-id': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;
/** Never read from a config file: secrets come from flags, the environment or their own files. */
const SECRET_OPTIONS = new Set(['key', 'config']);

function fail(message: string, json: boolean): never {
  if (json) process.stdout.write(`${JSON.stringify({ event: 'error', error: { code: 'INVALID_INPUT', message } })}\n`);
  else process.stderr.write(`decdp-merchant: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

/** The config file's options under the command line's: strings as strings, lists as lists. */
async function withConfigFile(
  values: Record<string, string | string[] | boolean | undefined>,
  json: boolean,
): Promise<Record<string, string | string[] | boolean | undefined>> {
  if (typeof values.config !== 'string') return values;
  let file: unknown;
  try {
    file = JSON.parse(await readFile(values.config, 'utf8'));
  } catch (cause) {
    fail(`--config ${values.config}: ${(cause as Error).message}`, json);
  }
  if (!file || typeof file !== 'object' || Array.isArray(file)) fail('--config must hold a JSON object', json);
  const merged = { ...values };
  for (const [name, value] of Object.entries(file as Record<string, unknown>)) {
    const option = (OPTIONS as Record<string, { type: string; multiple?: boolean }>)[name];
    if (!option || SECRET_OPTIONS.has(name)) fail(`--config: unknown or not allowed option "${name}"`, json);
    if (merged[name] !== undefined && !(Array.isArray(merged[name]) && merged[name].length === 0)) continue;
    const text = (item: unknown) => (typeof item === 'object' ? JSON.stringify(item) : String(item));
    merged[name] = option.multiple ? (Array.isArray(value) ? value : [value]).map(text) : text(value);
  }
  return merged;
}

async function readKeyFile(path: string, flag: string, json: boolean): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (cause) {
    return fail(`--${flag} ${path}: ${(cause as Error).message}`, json);
  }
}

/** Subcommands that print one result (their own `--json`); anything else is `serve` and its flags. */
const SUBCOMMANDS = new Map<string, (argv: string[]) => Promise<string>>([
  ['tokens', tokensCommand],
  ['campaigns', campaignsCommand],
  ['masks', masksCommand],
  ['inboxes', inboxesCommand],
]);

export async function main(argv: string[]): Promise<void> {
  const subcommand = SUBCOMMANDS.get(argv[0] ?? '');
  if (subcommand) {
    process.stdout.write(`${await subcommand(argv.slice(1))}\n`);
    return;
  }
  const parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const json = parsed.values.json;
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { positionals } = parsed;
  if (positionals[0] !== 'serve') fail(`unknown command "${positionals[0] ?? ''}"`, json);
  const values = (await withConfigFile(parsed.values, json)) as {
    [name in keyof typeof OPTIONS]?: (typeof OPTIONS)[name] extends { multiple: true } ? string[] : string;
  };
  const integer = (name: string, text: string) => {
    if (!/^\d+$/.test(text)) fail(`--${name} must be a whole number, got "${text}"`, json);
    return Number(text);
  };
  const port = integer('port', values.port ?? '8787');
  const rateLimit = integer('rate-limit', values['rate-limit'] ?? '600');
  const threads = integer('threads', values.threads ?? String(availableParallelism()));
  const purgeEvery = integer('purge-every', values['purge-every'] ?? '3600');
  const db = values.db ?? 'merchant.sqlite';
  const key =
    values.key ??
    (values['key-file'] ? await readKeyFile(values['key-file'], 'key-file', json) : process.env.DECDP_MERCHANT_KEY);
  if (!key) fail('no merchant key: pass --key or --key-file, or set DECDP_MERCHANT_KEY', json);
  const trusted = (values['trusted-issuer'] ?? []).map((hash) => {
    if (!/^\d{1,78}$/.test(hash)) fail(`--trusted-issuer must be a decimal key hash, got "${hash}"`, json);
    return BigInt(hash);
  });
  const registry = values['issuer-registry'];
  if (registry !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(registry)) {
    fail(`--issuer-registry must be a 0x address, got "${registry}"`, json);
  }
  if (registry && !values['rpc-url']) fail('--issuer-registry needs --rpc-url', json);
  if (trusted.length === 0 && !registry) {
    fail('trust at least one issuer: --trusted-issuer HASH, or --issuer-registry ADDRESS', json);
  }
  const registryFromBlock = integer('registry-from-block', values['registry-from-block'] ?? '0');
  const registryPollMs = integer('registry-poll-ms', values['registry-poll-ms'] ?? '1000');
  const rewardsConfig = await rewardsConfigOf(values, key, json);

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
  const where = /^postgres/.test(db) ? redact(db) : db;
  let trust: RegistryTrust | undefined;
  let registryProvider: JsonRpcProvider | undefined;
  if (registry) {
    registryProvider = new JsonRpcProvider(values['rpc-url'], undefined, { staticNetwork: true });
    trust = await trustIssuersFromRegistry({
      provider: registryProvider,
      registry,
      fromBlock: registryFromBlock,
      intervalMs: registryPollMs || 1000,
      only: trusted,
      // The last state read stays in force; the next read that works brings it up to date.
      onError: (error) => logger.warn({ err: error }, 'reading the issuer registry failed'),
    });
    progress(`trusting the issuers of IssuerRegistry ${registry} (block ${trust.follower.block})`, {
      trustedIssuers: trust.trustedIssuers().map(String),
    });
  }
  const connected = rewardsConfig
    ? await connectRewards({
        config: rewardsConfig,
        merchant: signer.address,
        trustedIssuers: trust ? trust.trustedIssuers() : trusted,
      })
    : undefined;
  if (connected?.rewards) {
    const { campaign } = connected.rewards;
    progress(`paying rewards from campaign ${campaign.campaignId} on chain ${campaign.chainId}`, { campaign });
  }
  progress(`opening the store ${where}`);
  const store = await openStore({ db });
  progress('loading the verification key');
  const artifacts = await loadNodeArtifacts();
  const verifier =
    threads > 0 ? await createVerifierThreads({ verificationKey: artifacts.verificationKey, threads }) : undefined;
  if (verifier) progress(`${threads} verifier threads`);
  // Every answer's binding check hashes with Poseidon; building it (≈ 0.8 s of CPU) belongs to the
  // start, not to the first answers.
  await getPoseidon();
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
  let solid: { webId: string; fetch: typeof fetch } | undefined;
  if (values['solid-issuer']) {
    const clientSecret = process.env.DECDP_SOLID_CLIENT_SECRET;
    if (!values['solid-client-id'] || !clientSecret) {
      fail('--solid-issuer needs --solid-client-id and DECDP_SOLID_CLIENT_SECRET in the environment', json);
    }
    progress(`logging in to ${values['solid-issuer']}`);
    solid = await loginWithClientCredentials({
      oidcIssuer: values['solid-issuer'],
      clientId: values['solid-client-id'],
      clientSecret,
    });
  }
  // The port must be known for the public URL: serve first, then the app answers.
  let app: ReturnType<typeof createMerchantService> | undefined;
  const server = await serveHttp({
    app: { fetch: (request: Request, env?: object) => (app as NonNullable<typeof app>).fetch(request, env) },
    port,
  });
  app = createMerchantService({
    signer,
    name: values.name ?? 'DeCDP merchant',
    publicUrl: values['public-url'] ?? server.url,
    store,
    verificationKey: artifacts.verificationKey,
    trustedIssuers: trust ? trust.trustedIssuers : trusted,
    ...(trust ? { issuerRegistry: trust.issuerRegistry } : {}),
    allowedOrigins: values['allowed-origin'] ?? [],
    rateLimit: rateLimit === 0 ? false : { max: rateLimit },
    logger,
    metrics,
    ...(verifier ? { proofVerifier: verifier } : {}),
    publicRequestList: String(values['public-requests']) === 'true',
    ...(solid ? { solid } : {}),
    ...(connected
      ? {
          ...(connected.rewards ? { rewards: connected.rewards } : {}),
          claims: connected.claims,
          claimCampaignIds: connected.claimCampaignIds,
          campaigns: createCampaignDesk({
            store,
            // Campaigns are the merchant's (creator-only actions); its key shares the relay's
            // nonce manager when the relayer is the merchant (the default).
            signer:
              new Wallet(key).address === (await connected.signer.getAddress())
                ? connected.signer
                : new NonceManager(new Wallet(key, connected.provider)),
            provider: connected.provider,
            pool: rewardsConfig?.pool as string,
            chainId: connected.chainId,
            issuers: trust ? trust.trustedIssuers : () => trusted,
            ...(connected.rewards ? { configured: connected.rewards } : {}),
            now: () => Math.floor(Date.now() / 1000),
          }),
        }
      : {}),
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
    connected?.close();
    trust?.close();
    registryProvider?.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** The rewards flags, all or none; the relayer key from its file, DECDP_RELAYER_KEY or the merchant key. */
async function rewardsConfigOf(
  values: { [name: string]: string | string[] | undefined },
  merchantKey: string,
  json: boolean,
): Promise<RewardsConfig | undefined> {
  const rpcUrl = values['rpc-url'] as string | undefined;
  const pool = values.pool as string | undefined;
  const campaignIds = (values.campaign as string[] | undefined) ?? [];
  const predicateText = values['campaign-predicate'] as string | undefined;
  // --rpc-url alone serves --issuer-registry; rewards start with a pool. Without --campaign the
  // service pays from the campaigns it creates (POST /campaigns).
  if (!pool && campaignIds.length === 0 && !predicateText) return undefined;
  if (!pool || !rpcUrl || campaignIds.length > 0 !== Boolean(predicateText)) {
    fail('rewards need all of --rpc-url and --pool; --campaign and --campaign-predicate go together', json);
  }
  if (!/^0x[0-9a-fA-F]{40}$/.test(pool as string)) fail(`--pool must be a 0x address, got "${pool}"`, json);
  for (const id of campaignIds) if (!/^\d{1,78}$/.test(id)) fail(`--campaign must be a decimal id, got "${id}"`, json);
  let predicate: RequestPredicate | undefined;
  try {
    if (predicateText) predicate = parseWith(predicateSchema, JSON.parse(predicateText), 'campaign-predicate');
  } catch (cause) {
    return fail(`--campaign-predicate: ${(cause as Error).message}`, json);
  }
  const relayerFile = values['relayer-key-file'] as string | undefined;
  const relayerKey = relayerFile
    ? await readKeyFile(relayerFile, 'relayer-key-file', json)
    : (process.env.DECDP_RELAYER_KEY ?? merchantKey);
  return {
    rpcUrl: rpcUrl as string,
    pool: pool as string,
    relayerKey,
    campaignIds,
    ...(predicate ? { predicate } : {}),
  };
}

if (import.meta.main) {
  main(process.argv.slice(2)).catch((error: unknown) =>
    exitWithError({ command: 'decdp-merchant', error, argv: process.argv, exitCode: 1 }),
  );
}
