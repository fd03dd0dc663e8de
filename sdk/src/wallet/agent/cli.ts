#!/usr/bin/env -S node --disable-warning=ExperimentalWarning
// `decdp-wallet-agent`: the wallet's standing policies answering while the person is away
// (docs/agent.md). One line per event on stdout, each starting with the time.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DecdpError } from '../../errors/index.ts';
import { loadNodeArtifacts } from '../../zk/loadNodeArtifacts.ts';
import { walletKeysFromPhrase } from '../recoveryPhrase.ts';
import { createAgentSetup, parseAgentSetup } from './agentSetup.ts';
import { startWalletAgent } from './runWalletAgent.ts';

const USAGE = `Usage:
  decdp-wallet-agent run --setup FILE [options]
      --setup FILE              the agent setup file from the wallet (Settings → Wallet agent)
      --journal FILE            the durable journal (default: FILE with .journal)
      --poll-ms N               read the inbox every N ms (default 2000)
      --credential-check-ms N   log in afresh every N ms to notice revoked credentials (default 60000)
      --claim-retry-ms N        claim a reward the merchant could not relay again after N ms (default 60000)
      --max-backoff-ms N        longest wait between retries while the pod, chain or merchant is down (default 60000)
    The passphrase that opens the setup: env DECDP_AGENT_PASSPHRASE, --passphrase-file FILE, or the
    systemd credential "decdp-agent-passphrase" ($CREDENTIALS_DIRECTORY).

  decdp-wallet-agent setup --out FILE --webid URL --pod URL --issuer URL --client-id ID
                           [--rpc-url URL --chain-id N --pool ADDRESS]
    Makes a setup file without the wallet page. Secrets from the environment only:
    DECDP_RECOVERY_PHRASE, DECDP_CLIENT_SECRET, DECDP_AGENT_PASSPHRASE.

Exit codes: 0 stopped, 2 bad input or wrong passphrase, 3 credentials refused (revoked), 1 other.`;

function fail(message: string, code = 2): never {
  process.stderr.write(`decdp-wallet-agent: ${message}\n`);
  process.exit(code);
}

async function passphraseFrom(file: string | undefined): Promise<string> {
  if (process.env.DECDP_AGENT_PASSPHRASE) return process.env.DECDP_AGENT_PASSPHRASE;
  const path =
    file ??
    (process.env.CREDENTIALS_DIRECTORY ? join(process.env.CREDENTIALS_DIRECTORY, 'decdp-agent-passphrase') : undefined);
  if (!path) fail('no passphrase: set DECDP_AGENT_PASSPHRASE, --passphrase-file or a systemd credential.');
  return (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      setup: { type: 'string' },
      journal: { type: 'string' },
      'passphrase-file': { type: 'string' },
      'poll-ms': { type: 'string', default: '2000' },
      'credential-check-ms': { type: 'string', default: '60000' },
      'claim-retry-ms': { type: 'string', default: '60000' },
      'max-backoff-ms': { type: 'string', default: '60000' },
      out: { type: 'string' },
      webid: { type: 'string' },
      pod: { type: 'string' },
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      'rpc-url': { type: 'string' },
      'chain-id': { type: 'string' },
      pool: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command === 'setup') {
    const { out, webid, pod, issuer } = values;
    const clientId = values['client-id'];
    if (!out || !webid || !pod || !issuer || !clientId)
      fail(`setup needs --out, --webid, --pod, --issuer, --client-id\n\n${USAGE}`);
    const phrase = process.env.DECDP_RECOVERY_PHRASE;
    const clientSecret = process.env.DECDP_CLIENT_SECRET;
    if (!phrase || !clientSecret) fail('setup needs DECDP_RECOVERY_PHRASE and DECDP_CLIENT_SECRET in the environment.');
    const keys = await walletKeysFromPhrase(phrase);
    const chain =
      values['rpc-url'] && values['chain-id'] && values.pool
        ? { rpcUrl: values['rpc-url'], chainId: Number(values['chain-id']), pool: values.pool }
        : undefined;
    const setup = await createAgentSetup({
      webId: webid,
      podUrl: pod,
      oidcIssuer: issuer,
      recipient: keys.recipient,
      holderSecret: keys.holderSecret,
      clientId,
      clientSecret,
      passphrase: await passphraseFrom(values['passphrase-file']),
      ...(chain ? { chain } : {}),
    });
    await writeFile(out, `${JSON.stringify(setup, null, 2)}\n`, { mode: 0o600 });
    process.stdout.write(`wrote ${out} (secrets sealed under the passphrase)\n`);
    return;
  }
  if (command !== 'run') fail(`unknown command "${command}"\n\n${USAGE}`);
  if (!values.setup) fail(`run needs --setup FILE\n\n${USAGE}`);
  const setup = parseAgentSetup(JSON.parse(await readFile(values.setup, 'utf8')));
  const crashAt = process.env.DECDP_AGENT_CRASH_AT;
  const agent = await startWalletAgent({
    setup,
    passphrase: await passphraseFrom(values['passphrase-file']),
    journalPath: values.journal ?? values.setup.replace(/\.json$/, '').concat('.journal'),
    artifacts: await loadNodeArtifacts(),
    pollMs: Number(values['poll-ms']),
    credentialCheckMs: Number(values['credential-check-ms']),
    claimRetryMs: Number(values['claim-retry-ms']),
    maxBackoffMs: Number(values['max-backoff-ms']),
    ...(crashAt === 'after-prove' || crashAt === 'after-answer' ? { crashAt } : {}),
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void agent.stop());
  const result = await agent.finished;
  process.exit(result.reason === 'stopped' ? 0 : result.error.code === 'AGENT_LOGIN_REFUSED' ? 3 : 1);
}

if (import.meta.main) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof DecdpError)
      fail(`${error.code}: ${error.shortMessage}${error.hint ? ` (${error.hint})` : ''}`);
    fail(error instanceof Error ? (error.stack ?? error.message) : String(error), 1);
  });
}
