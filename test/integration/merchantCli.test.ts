// `decdp-merchant serve` as a real process: ready line, health, a request answered with a real
// proof, the person's revocation through the wallet function over HTTP, clean stop; on SQLite and
// on a throwaway PostgreSQL. With rewards (from a config file) against a real anvil: a rewarded
// answer pays the recipient bound in the proof.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTokenBalance } from '@decdp/sdk/chain';
import type { ConsentReceipt, SignedRequest } from '@decdp/sdk/protocol';
import { demoMerchantCli, makeHolder } from '@decdp/sdk/testing';
import { findPostgresBin, type LocalPostgres, startLocalPostgres, startMerchantProcess } from '@decdp/sdk/testing/node';
import { proveRequest, revokeConsent } from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { type CredentialArtifacts, loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REWARD, REWARD_PREDICATE, type RewardChain, startRewardChain } from './rewardChain.ts';

const dir = mkdtempSync(join(tmpdir(), 'decdp-cli-'));
let artifacts: CredentialArtifacts;
let holder: Awaited<ReturnType<typeof makeHolder>>;
let postgres: LocalPostgres | undefined;
let demo: Awaited<ReturnType<typeof demoMerchantCli>>;

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  holder = await makeHolder();
  demo = await demoMerchantCli();
  if (findPostgresBin()) postgres = await startLocalPostgres();
  else console.warn('merchantCli: PostgreSQL binaries not found; the PostgreSQL case is skipped');
});
afterAll(async () => {
  await releaseProverThreads();
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const post = (url: string, body: unknown, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('decdp-merchant serve', () => {
  it('refuses bad flags with a JSON error and exit code 2', async () => {
    await expect(startMerchantProcess({ args: ['--port', 'eighty'] })).rejects.toThrow(/exited 2[\s\S]*--port/);
    await expect(startMerchantProcess({ args: [] })).rejects.toThrow(/no merchant key/);
    // No demo key in the product: the flag is gone.
    await expect(startMerchantProcess({ args: ['--demo'] })).rejects.toThrow(/exited/);
    await expect(startMerchantProcess({ ...demo, args: [...demo.args, '--pool', '0x1'] })).rejects.toThrow(
      /exited 2[\s\S]*rewards need all of/,
    );
    const config = join(dir, 'secret.json');
    writeFileSync(config, JSON.stringify({ key: '0x01' }));
    await expect(startMerchantProcess({ ...demo, args: ['--config', config] })).rejects.toThrow(
      /exited 2[\s\S]*not allowed option \W*key/,
    );
  });

  for (const kind of ['sqlite', 'postgres'] as const) {
    it(`serves, records, revokes and stops cleanly on ${kind}`, async () => {
      if (kind === 'postgres' && !postgres) return;
      const db = kind === 'sqlite' ? join(dir, 'merchant.sqlite') : (postgres as LocalPostgres).url;
      const service = await startMerchantProcess({
        args: [...demo.args, '--port', '0', '--db', db, '--threads', '1'],
        env: demo.env,
      });
      try {
        expect(service.lines.map((line) => line.event)).toEqual(['progress', 'progress', 'progress', 'ready']);
        expect(await (await fetch(`${service.url}health`)).json()).toEqual({ ok: true });
        const created = await post(
          `${service.url}requests`,
          {
            predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
            purpose: { code: 'age-check', text: 'Sell e-bikes only to adults' },
            retentionDays: 30,
          },
          service.operatorToken,
        );
        expect(created.status).toBe(201);
        const signedRequest = (await created.json()) as SignedRequest;
        expect(signedRequest.request.merchant.requestEndpoint).toBe(`${service.url}requests`);
        const bundle = await proveRequest({
          signedRequest,
          credentials: holder.credentials,
          holderSecret: holder.holderSecret,
          recipient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
          artifacts,
        });
        const answered = await post(`${service.url}requests/${signedRequest.request.id}/answers`, bundle);
        expect(answered.status).toBe(201);
        const { record } = (await answered.json()) as { record: { id: number; proofHash: string; pseudonym: string } };
        const receipt = {
          requestId: signedRequest.request.id,
          ...record,
          recordId: record.id,
        } as unknown as ConsentReceipt;
        const confirmation = await revokeConsent({
          receipt,
          signedRequest,
          credentials: holder.credentials,
          holderSecret: holder.holderSecret,
          artifacts,
        });
        expect(confirmation.confirmation).toMatchObject({ deletedRecords: 1, proofHash: record.proofHash });
        const records = await fetch(`${service.url}records`, {
          headers: { authorization: `Bearer ${service.operatorToken}` },
        });
        expect(await records.json()).toEqual([]);
        // Request logs are JSON lines with stable fields.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(service.lines.some((line) => line.route === '/revocations' && line.status === 200)).toBe(true);
      } finally {
        expect(await service.stop()).toBe(0);
      }
      expect(service.lines.at(-1)).toMatchObject({ event: 'progress', step: 'stopping (SIGTERM)' });
    });
  }

  describe('with rewards', () => {
    let chain: RewardChain;
    beforeAll(async () => {
      chain = await startRewardChain();
    }, 120_000);
    afterAll(async () => {
      await chain?.stop();
    });

    it('pays a rewarded answer from a config file, and refuses a predicate the campaign does not pay for', async () => {
      const campaign = await chain.newCampaign();
      const rewards = {
        'rpc-url': chain.anvil.rpcUrl,
        pool: chain.deployment.pool,
        campaign: [campaign.campaignId.toString()],
        'campaign-predicate': REWARD_PREDICATE,
      };
      const wrong = join(dir, 'wrong.json');
      writeFileSync(wrong, JSON.stringify({ ...rewards, 'campaign-predicate': { ...REWARD_PREDICATE, value: 21 } }));
      await expect(
        startMerchantProcess({ ...demo, args: [...demo.args, '--config', wrong, '--threads', '0'] }),
      ).rejects.toThrow(/does not pay for this predicate/);

      const file = join(dir, 'rewards.json');
      writeFileSync(file, JSON.stringify({ ...rewards, db: join(dir, 'rewarded.sqlite'), port: 0, threads: 0 }));
      const service = await startMerchantProcess({ ...demo, args: [...demo.args, '--config', file] });
      try {
        const config = (await (await fetch(`${service.url}config`)).json()) as { campaign: { campaignId: string } };
        expect(config.campaign).toMatchObject({
          campaignId: campaign.campaignId.toString(),
          amount: REWARD.toString(),
        });
        const created = await post(
          `${service.url}requests`,
          {
            predicates: [REWARD_PREDICATE],
            purpose: { code: 'reward', text: 'Adults get 5 DCDP' },
            retentionDays: 30,
            reward: true,
          },
          service.operatorToken,
        );
        expect(created.status).toBe(201);
        const signedRequest = (await created.json()) as SignedRequest;
        const recipient = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
        const before = await readTokenBalance({
          runner: chain.provider,
          token: chain.deployment.token,
          owner: recipient,
        });
        const bundle = await proveRequest({
          signedRequest,
          credentials: holder.credentials,
          holderSecret: holder.holderSecret,
          recipient,
          artifacts,
          now: await chain.chainNow(),
        });
        const answered = await post(`${service.url}requests/${signedRequest.request.id}/answers`, bundle);
        const answer = (await answered.json()) as { reward: { txHash: string; amount: string } | null };
        expect(answered.status).toBe(201);
        expect(answer.reward).toMatchObject({ amount: REWARD.toString() });
        const after = await readTokenBalance({
          runner: chain.provider,
          token: chain.deployment.token,
          owner: recipient,
        });
        expect(after - before).toBe(REWARD);
      } finally {
        expect(await service.stop()).toBe(0);
      }
    });
  });
});
