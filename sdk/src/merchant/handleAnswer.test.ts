import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyProofBundle } from '../proof/verifyProofBundle.ts';
import { type ProofBundle, proofBundleHash } from '../protocol/proofBundle.ts';
import type { SignedRequest } from '../protocol/request.ts';
import type { MerchantStore } from '../store/merchantStore.ts';
import { openSqliteStore } from '../store/openSqliteStore.ts';
import { DEMO_REWARD, demoRequest, makeHolder } from '../testing/demo.ts';
import { type DemoHolder, proveAsHolder } from '../testing/proveAsHolder.ts';
import { buildConsentReceipt } from '../wallet/buildConsentReceipt.ts';
import { releaseProverThreads } from '../zk/groth16.ts';
import { type CredentialArtifacts, loadNodeArtifacts } from '../zk/loadNodeArtifacts.ts';
import { type AnswerRewards, answerOfRecord, handleAnswer } from './handleAnswer.ts';

const predicate = { attribute: 'age', op: 'gte' as const, value: 18 };
const campaign = DEMO_REWARD;
let artifacts: CredentialArtifacts;
let holder: DemoHolder;
let store: MerchantStore;
let signedRequest: SignedRequest;
let bundle: ProofBundle;

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  holder = await makeHolder();
  store = openSqliteStore({ path: ':memory:' });
  signedRequest = await demoRequest([{ attribute: 'countryOfResidence', op: 'eq', value: 'NL' }, predicate], {
    purpose: { code: 'reward', text: 'Adults get 5 DCDP' },
    reward: campaign,
  });
  await store.saveRequest(signedRequest);
  bundle = await proveAsHolder({ holder, signedRequest, artifacts });
});
afterAll(async () => {
  await releaseProverThreads();
  await store?.close();
});

describe('handleAnswer', () => {
  it('verifies, records, and relays the campaign predicate’s proof; a failed relay leaves the answer standing', async () => {
    const verify = (params: { signedRequest: SignedRequest; bundle: ProofBundle; now: number }) =>
      verifyProofBundle({
        ...params,
        verificationKey: artifacts.verificationKey,
        trustedIssuers: [holder.issuer.keyHash],
      });
    const relayed: number[] = [];
    let down = true;
    const failures: string[] = [];
    const rewards: AnswerRewards = {
      campaign,
      predicate,
      relayClaim: async ({ proof }) => {
        if (down) throw new Error('relay down');
        relayed.push(proof.predicateIndex);
        return `0x${'ab'.repeat(32)}`;
      },
    };
    const answer = (body: unknown) =>
      handleAnswer({
        signedRequest,
        body,
        verify,
        store,
        rewards,
        now: Math.floor(Date.now() / 1000),
        onRewardError: ({ code }) => failures.push(code),
      });

    const first = await answer(bundle);
    expect(first).toMatchObject({ duplicate: false, reward: null, rewardError: { code: 'INTERNAL' } });
    expect(first.record).toMatchObject({ requestId: signedRequest.request.id, rewardTx: null });
    expect(failures).toEqual(['INTERNAL']);
    // The record names the person's consent receipt (the id the wallet gives it) and keeps the
    // proofs beside it, exactly as sent: the kept bundle hashes to the record's proof hash.
    expect(first.record.consentReceipt).toBe(buildConsentReceipt({ signedRequest, bundle, answer: first }).id);
    const kept = await store.getProofBundle(first.record.id);
    expect(kept).toEqual(bundle);
    expect(proofBundleHash(kept as ProofBundle)).toBe(first.record.proofHash);

    // The same answer again: a duplicate, and the reward that failed is relayed now, once.
    down = false;
    const again = await answer(bundle);
    expect(again).toMatchObject({ duplicate: true, reward: { amount: campaign.amount } });
    expect(relayed).toEqual([1]);
    const replayed = await answerOfRecord({ record: again.record, duplicate: true, store });
    expect(replayed.reward).toEqual({ txHash: `0x${'ab'.repeat(32)}`, amount: campaign.amount });
    expect((await answer(bundle)).reward?.txHash).toBe(`0x${'ab'.repeat(32)}`);
    expect(relayed).toEqual([1]);

    // Nothing is recorded for a bundle that does not verify.
    const tampered = structuredClone(bundle);
    tampered.pseudonym = '1';
    await expect(answer(tampered)).rejects.toMatchObject({ code: 'PROOF_MISMATCH' });
    expect(await store.list({ limit: 10 })).toHaveLength(1);
  });
});
