// The merchant's campaigns from a shell: `decdp-merchant serve` with a chain and a pool (no
// configured campaign), and `decdp-merchant campaigns create|list|top-up|pause|resume|close` against
// it, in tokens. Two campaigns at once; a request names the second and its answer is paid from it;
// a campaign closed early names no new request and gives its unspent budget back at once; bad amounts and
// missing tokens are refused with the typed error and change nothing. The revocation count comes
// from the store and survives a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTokenBalance } from '@decdp/sdk/chain';
import type { ConsentReceipt, SignedRequest } from '@decdp/sdk/protocol';
import { MERCHANT_PRIVATE_KEY, makeHolder } from '@decdp/sdk/testing';
import { type MerchantProcess, startMerchantProcess } from '@decdp/sdk/testing/node';
import { proveRequest, revokeConsent } from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { type CredentialArtifacts, loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { formatUnits, parseUnits } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMerchantCli } from './merchantCliProcess.ts';
import { type RewardChain, startRewardChain } from './rewardChain.ts';

const dir = mkdtempSync(join(tmpdir(), 'decdp-campaigns-'));
const recipient = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
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

type Campaign = {
  campaignId: string;
  status: string;
  pays: string;
  rewardPerAnswer: string;
  remaining: string;
  paid: string;
  answersPaid: number;
  token: { symbol: string };
  withdrawn?: string | null;
};

/** `decdp-merchant campaigns … --json` as the operator runs it (merchantCliProcess.ts). */
function campaigns(service: MerchantProcess, ...args: string[]) {
  return runMerchantCli('campaigns', { url: service.url, operatorToken: service.operatorToken }, ...args);
}

const serve = (db: string) =>
  startMerchantProcess({
    args: [
      ...['--port', '0', '--db', db, '--threads', '1'],
      ...['--rpc-url', chain.anvil.rpcUrl, '--pool', chain.deployment.pool],
      ...['--issuer-registry', chain.deployment.registry],
    ],
    env: { DECDP_MERCHANT_KEY: MERCHANT_PRIVATE_KEY },
  });

describe('decdp-merchant campaigns', () => {
  it('creates, funds, tops up, pauses, resumes and closes campaigns in tokens, and pays answers from any of them', async () => {
    const db = join(dir, 'merchant.sqlite');
    let service = await serve(db);
    try {
      const age = JSON.stringify({ attribute: 'age', op: 'gte', value: 18 });
      const first = await campaigns(
        service,
        'create',
        '--predicate',
        age,
        '--reward',
        '5',
        '--budget',
        '20',
        '--days',
        '1',
      );
      expect(first.status, first.stderr).toBe(0);
      expect(first.stderr).toMatch(/waiting for the transaction/);
      expect(first.output).toMatchObject({
        status: 'paying',
        pays: 'age ≥ 18',
        rewardPerAnswer: '5.0',
        remaining: '20.0',
      });
      const second = await campaigns(service, 'create', '--predicate', age, '--reward', '2.5', '--budget', '10');
      expect(second.output).toMatchObject({ status: 'paying', rewardPerAnswer: '2.5', remaining: '10.0' });
      const [one, two] = [first.output as Campaign, second.output as Campaign];
      expect(((await campaigns(service, 'list')).output as Campaign[]).map((campaign) => campaign.campaignId)).toEqual([
        one.campaignId,
        two.campaignId,
      ]);

      // Refused, nothing changed: an amount that is not tokens (a comma), no operator token, an unknown campaign.
      const negative = await campaigns(service, 'top-up', '--id', two.campaignId, '--amount', '1,5');
      expect(negative.status).toBe(1);
      expect(negative.output).toMatchObject({ event: 'error', error: { code: 'INVALID_INPUT', field: 'body.amount' } });
      const anonymous = await fetch(`${service.url}campaigns`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(anonymous.status).toBe(401);
      expect((await campaigns(service, 'pause', '--id', '999')).output).toMatchObject({ error: { code: 'NOT_FOUND' } });

      // A request names the second campaign; its answer is paid from it.
      const created = await fetch(`${service.url}requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${service.operatorToken}` },
        body: JSON.stringify({
          predicates: [{ attribute: 'countryOfResidence', op: 'eq', value: 'NL' }],
          purpose: { code: 'reward', text: 'Adults in NL get 2.5 DCDP' },
          retentionDays: 30,
          campaignId: two.campaignId,
        }),
      });
      expect(created.status).toBe(201);
      const signedRequest = (await created.json()) as SignedRequest;
      expect(signedRequest.request.reward).toMatchObject({ campaignId: two.campaignId, amount: '2500000000000000000' });
      const holder = await makeHolder({ holderSecret: 44n });
      const bundle = await proveRequest({ signedRequest, ...holder, recipient, artifacts });
      const answered = await fetch(`${service.url}requests/${signedRequest.request.id}/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bundle),
      });
      expect(answered.status).toBe(201);
      const answer = (await answered.json()) as {
        record: ConsentReceipt & { id: number };
        reward: { txHash: string } | null;
      };
      expect(answer.reward?.txHash).toMatch(/^0x/);
      expect(
        formatUnits(
          await readTokenBalance({ runner: chain.provider, token: chain.deployment.token, owner: recipient }),
        ),
      ).toBe('2.5');

      const toppedUp = await campaigns(service, 'top-up', '--id', two.campaignId, '--amount', '12.5');
      expect(toppedUp.output).toMatchObject({ remaining: '20.0', paid: '2.5', answersPaid: 1 });
      expect((await campaigns(service, 'pause', '--id', two.campaignId)).output).toMatchObject({ status: 'paused' });
      expect((await campaigns(service, 'resume', '--id', two.campaignId)).output).toMatchObject({ status: 'paying' });

      // Closing before the end ends it now and gives its whole unspent budget back at once; no new
      // request may name it.
      const merchantBefore = await readTokenBalance({
        runner: chain.provider,
        token: chain.deployment.token,
        owner: await chain.relayer.getAddress(),
      });
      expect((await campaigns(service, 'close', '--id', one.campaignId)).output).toMatchObject({
        status: 'closed',
        withdrawn: '20.0',
        remaining: '0.0',
      });
      expect(
        (await readTokenBalance({
          runner: chain.provider,
          token: chain.deployment.token,
          owner: await chain.relayer.getAddress(),
        })) - merchantBefore,
      ).toBe(parseUnits('20'));
      const refused = await fetch(`${service.url}requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${service.operatorToken}` },
        body: JSON.stringify({
          predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
          purpose: { code: 'reward', text: 'x' },
          retentionDays: 30,
          campaignId: one.campaignId,
        }),
      });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'body.campaignId' } });
      // Closing again finds nothing left.
      expect((await campaigns(service, 'close', '--id', one.campaignId)).output).toMatchObject({ withdrawn: '0.0' });

      // The person revokes; the merchant's count of revocations is kept in its store.
      await revokeConsent({
        receipt: { ...answer.record, recordId: answer.record.id },
        signedRequest,
        ...holder,
        artifacts,
      });
      const count = async () =>
        (
          await (
            await fetch(`${service.url}records/revocations`, {
              headers: { authorization: `Bearer ${service.operatorToken}` },
            })
          ).json()
        ).confirmed;
      expect(await count()).toBe(1);
      expect(await service.stop()).toBe(0);
      service = await serve(db);
      expect(await count()).toBe(1);
      // Both campaigns are still the service's after the restart.
      expect(((await campaigns(service, 'list')).output as Campaign[]).map((campaign) => campaign.status)).toEqual([
        'closed',
        'paying',
      ]);
    } finally {
      await service.stop();
    }
  });
});
