#!/usr/bin/env -S node --disable-warning=ExperimentalWarning
// decdp-audit: the auditor's checks from a shell. Every command prints a readable report, or one
// JSON object with --json (stdout), progress on stderr; the exit code is 0 when the report has
// no error finding, 1 when it has, 2 when the audit could not run (bad flags, missing files).
//
//   decdp-audit keys [--deep] [--circuits DIR]
//   decdp-audit deployed --rpc URL --deployment deployments/31337.json [--vkey F]
//   decdp-audit scan --db data/merchant.sqlite | postgres://…
//   decdp-audit reconcile --rpc URL --deployment data/deployment.json --db …
//   decdp-audit revoked-keys --rpc URL --deployment data/deployment.json --db …
//   decdp-audit reverify --db data/merchant.sqlite | postgres://… [--issuer KEYHASH…] [--vkey F]
//   decdp-audit reverify --request signed-request.json --bundle bundle.json --issuer KEYHASH [--vkey F]
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Interface, JsonRpcProvider } from 'ethers';
import { RewardPool } from '../chain/contracts.generated.ts';
import { DecdpError } from '../errors/index.ts';
import type { SignedRequest } from '../protocol/request.ts';
import type { MerchantStore } from '../store/merchantStore.ts';
import { openStore } from '../store/openStore.ts';
import { findCircuitsDir } from '../zk/loadNodeArtifacts.ts';
import { checkCircuitKeys } from './checkCircuitKeys.ts';
import { checkDeployedKey } from './checkDeployedKey.ts';
import type { AuditReport } from './findings.ts';
import { findRecordsUnderRevokedKeys, type RecordUnderRevokedKey } from './findRecordsUnderRevokedKeys.ts';
import { reconcilePayouts } from './reconcilePayouts.ts';
import { reverifyAnswer } from './reverifyAnswer.ts';
import { type RecordProofStatus, reverifyStore } from './reverifyStore.ts';
import { scanMerchantStore } from './scanMerchantStore.ts';

const USAGE = `decdp-audit <command> [--json]
  keys       [--deep] [--circuits DIR]     do the committed keys belong to the circuit?
  deployed   --rpc URL --deployment FILE [--vkey FILE]
                                           do the deployed verifier and pool check with that key?
  scan       --db PATH|URL                 does the merchant store keep more than light records?
  reconcile  --rpc URL --deployment FILE --db PATH|URL
                                           do on-chain payouts match the merchant's records?
  revoked-keys --rpc URL --deployment FILE --db PATH|URL
                                           which records rest on an issuer key revoked on-chain?
  reverify   --db PATH|URL [--issuer KEYHASH…] [--vkey FILE]
                                           does every answer the store keeps verify? (one line per record)
  reverify   --request FILE --bundle FILE --issuer KEYHASH [--vkey FILE]
                                           does one answer verify?`;

class UsageError extends DecdpError {
  override name = 'UsageError';
  constructor(message: string) {
    super('USAGE', message, { hint: USAGE });
  }
}

async function main(argv: string[]): Promise<AuditReport> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      deep: { type: 'boolean' },
      circuits: { type: 'string' },
      db: { type: 'string' },
      rpc: { type: 'string' },
      deployment: { type: 'string' },
      request: { type: 'string' },
      bundle: { type: 'string' },
      issuer: { type: 'string', multiple: true },
      vkey: { type: 'string' },
    },
  });
  const need = (name: keyof typeof values): string => {
    const value = values[name];
    if (typeof value !== 'string') throw new UsageError(`--${name} is required for ${positionals[0]}.`);
    return value;
  };
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const circuitsDir = resolve(values.circuits ?? findCircuitsDir());
  const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as unknown;
  const readVerificationKey = async () =>
    (await readJson(values.vkey ?? join(circuitsDir, 'build', 'credential.vkey.json'))) as Record<string, unknown>;
  /** The contract the deployment file (--deployment) names, and the block its history starts at. */
  const deployed = async (contract: 'pool' | 'registry') => {
    const deployment = (await readJson(need('deployment'))) as Record<string, unknown>;
    const address = deployment[contract];
    if (typeof address !== 'string' || !address) {
      throw new UsageError(`The deployment file has no "${contract}" address.`);
    }
    return { address, fromBlock: typeof deployment.fromBlock === 'number' ? deployment.fromBlock : 0 };
  };
  /** Runs an audit with the store (--db) open, and closes it. */
  const withStore = async <T>(audit: (store: MerchantStore) => Promise<T>): Promise<T> => {
    const store = await openStore({ db: need('db') });
    try {
      return await audit(store);
    } finally {
      await store.close();
    }
  };
  /** Runs an audit with the chain (--rpc) and the store (--db) open, and closes both. */
  const withChainAndStore = <T>(audit: (provider: JsonRpcProvider, store: MerchantStore) => Promise<T>) => {
    const rpc = need('rpc');
    return withStore(async (store) => {
      const provider = new JsonRpcProvider(rpc, undefined, { staticNetwork: true });
      try {
        return await audit(provider, store);
      } finally {
        provider.destroy();
      }
    });
  };
  switch (positionals[0]) {
    case 'keys': {
      const build = join(circuitsDir, 'build');
      const checksums = JSON.parse(await readFile(join(circuitsDir, 'checksums.json'), 'utf8')) as {
        sha256: Record<string, string>;
      };
      return checkCircuitKeys({
        files: {
          r1cs: join(build, 'credential.r1cs'),
          wasm: join(build, 'credential.wasm'),
          zkey: join(build, 'credential.zkey'),
          verificationKey: join(build, 'credential.vkey.json'),
          ptau: join(build, 'pot13_final.ptau'),
          source: join(circuitsDir, 'src', 'credential.circom'),
          solidityVerifier: join(circuitsDir, '..', 'contracts', 'src', 'Groth16Verifier.sol'),
        },
        checksums: checksums.sha256,
        deep: values.deep ?? false,
        onProgress: progress,
      });
    }
    case 'deployed': {
      const deployment = (await readJson(need('deployment'))) as { verifier?: string; pool?: string };
      if (!deployment.verifier || !deployment.pool) {
        throw new UsageError('The deployment file needs "verifier" and "pool" addresses.');
      }
      const verificationKey = await readVerificationKey();
      const provider = new JsonRpcProvider(need('rpc'), undefined, { staticNetwork: true });
      try {
        return await checkDeployedKey({
          provider,
          deployment: { verifier: deployment.verifier, pool: deployment.pool },
          verificationKey,
        });
      } finally {
        provider.destroy();
      }
    }
    case 'scan':
      return withStore((store) => scanMerchantStore({ store }));
    case 'reconcile': {
      const { address, fromBlock } = await deployed('pool');
      return withChainAndStore(async (provider, store) => {
        const records = await store.list({ limit: 1_000_000, includeRevoked: true });
        const pool = { address, interface: new Interface(RewardPool.abi) };
        return reconcilePayouts({ provider, pool, records, fromBlock });
      });
    }
    case 'revoked-keys': {
      const { address: registry, fromBlock } = await deployed('registry');
      return withChainAndStore((provider, store) =>
        findRecordsUnderRevokedKeys({ store, provider, registry, fromBlock }),
      );
    }
    case 'reverify': {
      if (values.db !== undefined) {
        const verificationKey = await readVerificationKey();
        return withStore((store) =>
          reverifyStore({
            store,
            verificationKey,
            ...(values.issuer ? { trustedIssuers: values.issuer.map((issuer) => BigInt(issuer)) } : {}),
          }),
        );
      }
      const signedRequest = (await readJson(need('request'))) as SignedRequest;
      const bundle = await readJson(need('bundle'));
      const verificationKey = await readVerificationKey();
      const issuers = values.issuer ?? [];
      if (issuers.length === 0) throw new UsageError('--issuer (a trusted issuer key hash) is required for reverify.');
      const result = await reverifyAnswer({
        signedRequest,
        bundle,
        verificationKey,
        trustedIssuers: issuers.map((issuer) => BigInt(issuer)),
      });
      const { verified: _verified, ...rest } = result;
      return rest;
    }
    default:
      throw new UsageError(positionals[0] ? `Unknown command "${positionals[0]}".` : 'No command given.');
  }
}

function print(report: AuditReport, json: boolean): void {
  if (json) {
    process.stdout.write(
      `${JSON.stringify(report, (_key, value) => (typeof value === 'bigint' ? value.toString() : value))}\n`,
    );
    return;
  }
  const lines = [
    `${report.subject}: ${report.ok ? 'OK' : 'FAILED'} (${report.checked} checked, ${report.findings.length} findings)`,
  ];
  for (const record of (report as { records?: (RecordProofStatus | RecordUnderRevokedKey)[] }).records ?? []) {
    lines.push(
      'proof' in record
        ? `  record ${record.recordId} (request ${record.requestId}): ${record.proof}`
        : `  record ${record.recordId} (request ${record.requestId}): issuer key ${record.issuerKeyHash} revoked in block ${record.revokedInBlock}, ${record.when === 'before' ? 'after the record' : 'BEFORE the record'}`,
    );
  }
  for (const finding of report.findings) {
    lines.push(
      `  ${finding.severity.toUpperCase()} ${finding.code}: ${finding.message}${finding.where ? ` [${finding.where}]` : ''}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

const json = process.argv.includes('--json');
try {
  const result = await main(process.argv.slice(2));
  print(result, json);
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  const failure =
    error instanceof DecdpError
      ? error.toJSON()
      : { code: 'AUDIT_FAILED', message: error instanceof Error ? error.message : String(error) };
  if (json) process.stdout.write(`${JSON.stringify({ error: failure })}\n`);
  else
    process.stderr.write(
      `decdp-audit: ${failure.message}\n${'hint' in failure && failure.hint ? `${failure.hint}\n` : ''}`,
    );
  process.exitCode = 2;
}
