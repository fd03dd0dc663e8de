import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePredicate } from '../protocol/predicate.ts';
import {
  nullifierOf,
  packRecipientAndTime,
  SIGNAL_INDEX,
  statementHashOf,
  statementOf,
  unpackRecipientAndTime,
} from '../protocol/publicSignals.ts';
import type { SignedRequest } from '../protocol/request.ts';
import { DEMO_RECIPIENT, demoRequest, makeHolder } from '../testing/demo.ts';
import { releaseProverThreads, verifyGroth16 } from '../zk/groth16.ts';
import { type CredentialArtifacts, loadNodeArtifacts } from '../zk/loadNodeArtifacts.ts';
import { proveCampaignClaim } from './proveCampaignClaim.ts';

let artifacts: CredentialArtifacts;
let holder: Awaited<ReturnType<typeof makeHolder>>;
let signed: SignedRequest;
const recipient = DEMO_RECIPIENT;
const campaignPredicate = { attribute: 'age', op: 'gte' as const, value: 18 };
const reward = {
  chainId: 31337,
  pool: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  campaignId: '3',
  scope: '987654321',
  token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  amount: '5',
};

/** The statement the campaign stores for the demo issuer (what createCampaign computes). */
async function campaignStatement(): Promise<bigint> {
  return statementHashOf(
    statementOf(await resolvePredicate(campaignPredicate, 'p'), {
      issuerKeyHash: holder.issuer.keyHash,
      merchantScope: BigInt(signed.request.scope),
      nullifierScope: BigInt(reward.scope),
    }),
  );
}

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  holder = await makeHolder();
  // The campaign predicate is not the first one: the pool says which it is.
  signed = await demoRequest([{ attribute: 'countryOfResidence', op: 'in', values: ['NL', 'BE'] }, campaignPredicate], {
    reward,
    ttlSeconds: 60,
    now: Math.floor(Date.now() / 1000) - 3600, // expired since: a claim does not need a fresh request
  });
});
afterAll(releaseProverThreads);

describe('proveCampaignClaim', () => {
  it("proves the campaign's predicate with the campaign scope, the recipient and the time given", async () => {
    const expected = await campaignStatement();
    const asked: bigint[] = [];
    const now = Math.floor(Date.now() / 1000);
    const claim = await proveCampaignClaim({
      signedRequest: signed,
      credentials: holder.credentials,
      holderSecret: holder.holderSecret,
      recipient,
      artifacts,
      now,
      isCampaignStatement: async (statementHash) => {
        asked.push(statementHash);
        return statementHash === expected;
      },
    });
    expect(asked).toHaveLength(2);
    expect(claim.campaignId).toBe('3');
    expect(claim.publicSignals[SIGNAL_INDEX.statementHash]).toBe(expected.toString());
    expect(claim.publicSignals[SIGNAL_INDEX.nullifier]).toBe(
      (await nullifierOf({ holderSecret: holder.holderSecret, nullifierScope: BigInt(reward.scope) })).toString(),
    );
    expect(unpackRecipientAndTime(BigInt(claim.publicSignals[SIGNAL_INDEX.recipientAndTime] ?? 0))).toEqual(
      unpackRecipientAndTime(packRecipientAndTime({ recipient: BigInt(recipient), now })),
    );
    expect(await verifyGroth16(artifacts.verificationKey, claim.proof, claim.publicSignals)).toBe(true);
  });

  it('refuses in words when the campaign pays for none of the predicates, or nothing at all', async () => {
    const base = {
      credentials: holder.credentials,
      holderSecret: holder.holderSecret,
      recipient,
      artifacts,
      isCampaignStatement: async () => false,
    };
    await expect(proveCampaignClaim({ ...base, signedRequest: signed })).rejects.toMatchObject({
      code: 'PROOF_MISMATCH',
      field: 'request.reward.campaignId',
    });
    const { reward: _none, ...unpaid } = signed.request;
    await expect(proveCampaignClaim({ ...base, signedRequest: { ...signed, request: unpaid } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'request.reward',
    });
  });
});
