#!/usr/bin/env -S node --disable-warning=ExperimentalWarning
// `decdp-issuer serve`: the issuer service as a process (docs/issuer.md). `decdp-issuer register`:
// admits the configuration's issuer keys in IssuerRegistry (the registry owner signs). Progress on
// stderr; with --json one JSON object per line on stdout.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { JsonRpcProvider, NonceManager, Wallet } from 'ethers';
import pino from 'pino';
import { registerIssuer } from '../../chain/issuers.ts';
import { exitWithError } from '../../errors/exitWithError.ts';
import { InvalidInputError } from '../../errors/index.ts';
import { serveHttp } from '../../http/serveHttp.ts';
import { loadNodeArtifacts } from '../../zk/loadNodeArtifacts.ts';
import { createIssuerService } from '../service/createIssuerService.ts';
import { createFileIssuanceLog } from '../service/issuanceLog.ts';
import { openIssuerSessionStore } from '../service/issuerSessionStore.ts';
import { openIssuerSources, readIssuerConfig } from './issuerConfig.ts';

const USAGE = `Usage: decdp-issuer <serve|register> --config issuer.json [options]

serve:
  --port N              listen on 127.0.0.1:N (default 8790; 0 = any free port)
  --public-url URL      where wallets and sources reach this service (default http://localhost:PORT/)
  --operator-token T    bearer token of the operator routes (or env DECDP_ISSUER_OPERATOR_TOKEN)
register:
  --rpc URL             JSON-RPC endpoint
  --registry ADDRESS    IssuerRegistry address
  --owner-key HEX       the registry owner's key (or env DECDP_REGISTRY_OWNER_KEY)
  --json                machine output: JSON lines on stdout
  --help`;

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      port: { type: 'string', default: '8790' },
      'public-url': { type: 'string' },
      'operator-token': { type: 'string' },
      rpc: { type: 'string' },
      registry: { type: 'string' },
      'owner-key': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const json = values.json;
  const print = (event: string, fields: Record<string, unknown>, text: string) => {
    if (json) process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);
    else process.stderr.write(`decdp-issuer: ${text}\n`);
  };
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const command = positionals[0];
  if (command !== 'serve' && command !== 'register') {
    throw new InvalidInputError(`Unknown command "${command ?? ''}".`, { field: 'command', hint: USAGE });
  }
  if (!values.config) throw new InvalidInputError('--config is required.', { field: 'config' });
  const { config, baseDir } = await readIssuerConfig(values.config);
  const { sources, close } = await openIssuerSources({ config, baseDir });

  if (command === 'register') {
    const ownerKey = values['owner-key'] ?? process.env.DECDP_REGISTRY_OWNER_KEY;
    if (!values.rpc || !values.registry || !ownerKey) {
      throw new InvalidInputError('register needs --rpc, --registry and --owner-key.', { field: 'register' });
    }
    const provider = new JsonRpcProvider(values.rpc, undefined, { staticNetwork: true });
    const owner = new NonceManager(new Wallet(ownerKey, provider));
    try {
      for (const { adapter, issuer } of sources) {
        if (adapter.selfAsserted) {
          print('skipped', { source: adapter.id }, `${adapter.id}: self-asserted, not registered`);
          continue;
        }
        const { issuerId, txHash } = await registerIssuer({
          signer: owner,
          registry: values.registry,
          name: issuer.name,
          issuerKeyHash: issuer.keyHash,
          publicKey: issuer.publicKey,
        });
        print(
          'registered',
          { source: adapter.id, issuerId: issuerId.toString(), keyHash: issuer.keyHash.toString(), txHash },
          `${adapter.id}: registered ${issuer.name} as issuer ${issuerId} (key hash ${issuer.keyHash}) in ${txHash}`,
        );
      }
    } finally {
      provider.destroy();
      close();
    }
    return;
  }

  const operatorToken = values['operator-token'] ?? process.env.DECDP_ISSUER_OPERATOR_TOKEN;
  if (!operatorToken || operatorToken.length < 16) {
    throw new InvalidInputError('An operator token of at least 16 characters is required.', {
      field: 'operator-token',
      hint: 'Pass --operator-token or set DECDP_ISSUER_OPERATOR_TOKEN.',
    });
  }
  if (!/^\d+$/.test(values.port)) throw new InvalidInputError('--port must be a whole number.', { field: 'port' });
  const logger = json ? pino({ base: null }) : pino({ base: null }, pino.destination(2));
  const artifacts = await loadNodeArtifacts();
  const sessions = openIssuerSessionStore({ path: join(baseDir, config.sessions) });
  let app: ReturnType<typeof createIssuerService> | undefined;
  const server = await serveHttp({
    app: { fetch: (request: Request, env?: object) => (app as NonNullable<typeof app>).fetch(request, env) },
    port: Number(values.port),
  });
  app = createIssuerService({
    name: config.name,
    publicUrl: values['public-url'] ?? server.url,
    sources,
    verificationKey: artifacts.verificationKey,
    log: createFileIssuanceLog(join(baseDir, config.log)),
    sessions,
    operatorToken,
    allowedOrigins: config.allowedOrigins,
    logger,
  });
  print(
    'ready',
    { url: server.url, port: server.port, sources: sources.map((source) => source.adapter.id) },
    `ready on ${server.url} (${sources.map((source) => source.adapter.id).join(', ')})`,
  );
  const stop = async () => {
    await server.close().catch(() => {});
    sessions.close();
    close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

if (import.meta.main) {
  main(process.argv.slice(2)).catch((error: unknown) =>
    exitWithError({
      command: 'decdp-issuer',
      error,
      argv: process.argv,
      exitCode: error instanceof InvalidInputError ? 2 : 1,
    }),
  );
}
