// Trust from the chain: `decdp-merchant serve --issuer-registry` accepts an issuer only while
// IssuerRegistry trusts it. An answer is recorded; the issuer's key is revoked on-chain; from the
// revocation's own block (the first the service reads after it, with no block mined since) the next
// answer is refused with ISSUER_NOT_TRUSTED and nothing is recorded. Then `decdp-audit
// revoked-keys` lists the record made under the key revoked later (a warning), and a record
// accepted after the revocation as an error.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { revokeIssuerKey } from '@decdp/sdk/chain';
import { openSqliteStore } from '@decdp/sdk/merchant/node';
import type { SignedRequest } from '@decdp/sdk/protocol';
import { MERCHANT_PRIVATE_KEY, makeHolder } from '@decdp/sdk/testing';
import { startMerchantProcess } from '@decdp/sdk/testing/node';
import { newRecord } from '@decdp/sdk/testing/storeContract';
import { proveRequest } from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { type CredentialArtifacts, loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RewardChain, startRewardChain } from './rewardChain.ts';

const dir = mkdtempSync(join(tmpdir(), 'decdp-registry-trust-'));
const auditCli = join(process.cwd(), 'node_modules', '.bin', 'decdp-audit');
const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
let chain: RewardChain;
let artifacts: CredentialArtifacts;

beforeAll(async () => {
  [chain, artifacts] = await Promise.all([startRewardChain(), loadNodeArtifacts()]);
}, 120_000);
afterAll(async () => {
  await releaseProverThreads();
  await chain?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Config = { trustedIssuers: string[]; issuerRegistry?: { address: string; block: number } };

describe('trust from IssuerRegistry', () => {
  it('refuses answers from the block that revoked the issuer key, and the auditor lists what was made under it', async () => {
    const db = join(dir, 'merchant.sqlite');
    const issuerKey = chain.holder.issuer.keyHash;
    const service = await startMerchantProcess({
      args: [
        '--port',
        '0',
        '--db',
        db,
        '--threads',
        '1',
        '--rpc-url',
        chain.anvil.rpcUrl,
        '--issuer-registry',
        chain.deployment.registry,
        '--registry-poll-ms',
        '200',
      ],
      env: { DECDP_MERCHANT_KEY: MERCHANT_PRIVATE_KEY },
    });
    const config = async () => (await (await fetch(`${service.url}config`)).json()) as Config;
    let firstRecordId = 0;
    try {
      // No --trusted-issuer: the registry's keys are the ones accepted.
      expect(await config()).toMatchObject({
        trustedIssuers: [issuerKey.toString()],
        issuerRegistry: { address: chain.deployment.registry },
      });
      const created = await fetch(`${service.url}requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${service.operatorToken}` },
        body: JSON.stringify({
          predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
          purpose: { code: 'age-check', text: 'Sell e-bikes only to adults' },
          retentionDays: 30,
        }),
      });
      const signedRequest = (await created.json()) as SignedRequest;
      const answer = async (holderSecret: bigint) => {
        const holder = await makeHolder({ holderSecret });
        const bundle = await proveRequest({ signedRequest, ...holder, recipient, artifacts });
        return fetch(`${service.url}requests/${signedRequest.request.id}/answers`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(bundle),
        });
      };
      const accepted = await answer(11n);
      expect(accepted.status).toBe(201);
      firstRecordId = ((await accepted.json()) as { record: { id: number } }).record.id;
      // Proven before the revocation, sent after it: refused all the same.
      const late = await (async () => {
        const holder = await makeHolder({ holderSecret: 22n });
        return proveRequest({ signedRequest, ...holder, recipient, artifacts });
      })();

      // Records carry whole seconds: the revoking block must come at least one second after the
      // first record, or the audit below could not tell "before" from "after" (same second).
      await chain.provider.send('evm_setNextBlockTimestamp', [
        Math.max(await chain.chainNow(), Math.floor(Date.now() / 1000)) + 1,
      ]);
      const { txHash } = await revokeIssuerKey({
        signer: chain.relayer,
        registry: chain.deployment.registry,
        issuerKeyHash: issuerKey,
      });
      const revokedIn = (await chain.provider.getTransactionReceipt(txHash))?.blockNumber ?? -1;
      await expect
        .poll(async () => (await config()).issuerRegistry?.block, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(revokedIn);
      const seen = await config();
      // The service refuses from the revoking block on (a shared test chain may mine empty blocks
      // meanwhile: startSystem keeps an idle chain's clock moving).
      expect(seen.issuerRegistry?.block).toBeGreaterThanOrEqual(revokedIn);
      expect(seen.trustedIssuers).toEqual([]);
      const refused = await fetch(`${service.url}requests/${signedRequest.request.id}/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(late),
      });
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('ISSUER_NOT_TRUSTED');
      expect((await answer(33n)).status).toBe(422);
    } finally {
      expect(await service.stop()).toBe(0);
    }

    const deployment = join(dir, 'deployment.json');
    writeFileSync(deployment, JSON.stringify(chain.deployment));
    const audit = () => {
      const run = spawnSync(
        process.execPath,
        [auditCli, 'revoked-keys', '--rpc', chain.anvil.rpcUrl, '--deployment', deployment, '--db', db, '--json'],
        { encoding: 'utf8' },
      );
      return { status: run.status, report: JSON.parse(run.stdout) as Record<string, unknown> };
    };
    const listed = audit();
    expect(listed.status).toBe(0);
    expect(listed.report).toMatchObject({
      ok: true,
      checked: 1,
      findings: [{ code: 'RECORD_UNDER_REVOKED_KEY', severity: 'warning' }],
      records: [{ recordId: firstRecordId, issuerKeyHash: issuerKey.toString(), when: 'before' }],
    });

    // A record kept after the key was revoked (as a merchant trusting a fixed list would): an error.
    const store = openSqliteStore({ path: db });
    const afterwards = (await chain.chainNow()) + 60;
    await store.save(
      newRecord({ issuerKeyHashes: [issuerKey.toString()], createdAt: afterwards, expiresAt: afterwards + 86_400 }),
    );
    await store.close();
    const flagged = audit();
    expect(flagged.status).toBe(1);
    expect(flagged.report).toMatchObject({
      ok: false,
      findings: [{ code: 'RECORD_UNDER_REVOKED_KEY' }, { code: 'RECORD_AFTER_KEY_REVOKED', severity: 'error' }],
    });
  });
});
