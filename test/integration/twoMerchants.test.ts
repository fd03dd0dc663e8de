// Two merchants as `npm start` runs them (own keys, stores, campaigns, operator tokens), one
// wallet answering a rewarded request at each through the service each request names, and a
// comparison of everything each side holds (bundles, records) and everyone sees (Claimed events):
// nothing that identifies the person is common to both. Admin routes refused without a token at
// both; the bookshop lists nothing publicly.

import { RewardPool } from '@decdp/sdk/chain';
import type { ProofBundle } from '@decdp/sdk/protocol';
import { merchantServiceOf, type SignedRequest } from '@decdp/sdk/protocol';
import { makeHolder } from '@decdp/sdk/testing';
import { answerRecipient, proveRequest } from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { Interface, JsonRpcProvider, ZeroAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { sharedSystem } from '../system/sharedSystem.ts';

let system: System;

beforeAll(async () => {
  system = await sharedSystem();
}, 300_000);
afterAll(async () => {
  await releaseProverThreads();
  await system?.stop();
});

const json = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('two merchants, one wallet', () => {
  it("runs a bike shop and a bookshop with their own keys, campaigns and tokens; admin is each operator's", async () => {
    expect(system.merchants.map((merchant) => merchant.id)).toEqual(['bike-shop', 'bookshop']);
    const [bikes, books] = system.merchants as [System['merchants'][0], System['merchants'][0]];
    expect(
      new Set([bikes.address, books.address, bikes.service, books.service, bikes.campaignId, books.campaignId]).size,
    ).toBe(6);
    for (const merchant of system.merchants) {
      const anonymous = await fetch(`${merchant.service}requests`, { method: 'POST', headers: json, body: '{}' });
      expect(anonymous.status).toBe(401);
      expect((await fetch(`${merchant.service}records`)).status).toBe(401);
      expect((await fetch(`${merchant.service}metrics`)).status).toBe(401);
    }
    // One merchant's token is nothing at the other.
    const crossed = await fetch(`${books.service}records`, { headers: bearer(bikes.operatorToken) });
    expect(crossed.status).toBe(401);
    expect((await fetch(`${books.service}records`, { headers: bearer(books.operatorToken) })).status).toBe(200);
    // The bookshop publishes no list; the bike shop opted in.
    expect((await fetch(`${books.service}requests`)).status).toBe(401);
    expect((await fetch(`${bikes.service}requests`)).status).toBe(200);
  });

  it('answers both from one wallet and finds nothing in common between what each holds and the chain shows', async () => {
    const artifacts = await loadNodeArtifacts();
    const person = await makeHolder({ holderSecret: system.demo.holderSecret });
    const side = async (merchant: System['merchants'][0]) => {
      const created = await fetch(`${merchant.service}requests`, {
        method: 'POST',
        headers: { ...json, ...bearer(merchant.operatorToken) },
        body: JSON.stringify({
          predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
          purpose: { code: 'reward', text: 'Adults get 5 DCDP' },
          retentionDays: 30,
          reward: true,
        }),
      });
      expect(created.status).toBe(201);
      const signedRequest = (await created.json()) as SignedRequest;
      const unrewarded = (await (
        await fetch(`${merchant.service}requests`, {
          method: 'POST',
          headers: { ...json, ...bearer(merchant.operatorToken) },
          body: JSON.stringify({
            predicates: [{ attribute: 'countryOfResidence', op: 'in', values: ['NL', 'BE'] }],
            purpose: { code: 'ship', text: 'Ship to the Benelux' },
            retentionDays: 30,
          }),
        })
      ).json()) as SignedRequest;
      const bundles: ProofBundle[] = [];
      for (const request of [signedRequest, unrewarded]) {
        const bundle = await proveRequest({
          signedRequest: request,
          credentials: person.credentials,
          holderSecret: person.holderSecret,
          recipient: answerRecipient({ request: request.request, phrase: system.demo.recoveryPhrase }),
          artifacts,
        });
        // To the service the signed request names, not a configured one.
        const answered = await fetch(`${merchantServiceOf(request)}requests/${request.request.id}/answers`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify(bundle),
        });
        expect(answered.status).toBe(201);
        const answer = (await answered.json()) as { reward: { txHash: string } | null };
        expect(answer.reward !== null).toBe(request === signedRequest);
        bundles.push(bundle);
      }
      const records = await (
        await fetch(`${merchant.service}records`, { headers: bearer(merchant.operatorToken) })
      ).json();
      // This person's records (the system is shared with other files).
      const asked = new Set([signedRequest.request.id, unrewarded.request.id]);
      const mine = (records as Record<string, unknown>[]).filter((record) => asked.has(String(record.requestId)));
      expect(mine).toHaveLength(2);
      return { bundles, records: mine };
    };
    const [bikes, books] = system.merchants as [System['merchants'][0], System['merchants'][0]];
    const atBikes = await side(bikes);
    const atBooks = await side(books);

    // No address in unrewarded answers; a different one per merchant in rewarded ones.
    expect(atBikes.bundles[1]?.recipient).toBe(ZeroAddress);
    expect(atBooks.bundles[1]?.recipient).toBe(ZeroAddress);
    expect(atBikes.bundles[0]?.recipient).not.toBe(atBooks.bundles[0]?.recipient);
    expect(atBikes.bundles[0]?.recipient).not.toBe(system.demo.recipient);

    // The values that could identify a person: pseudonyms, nullifiers, recipients, proofs, signals.
    const identifying = (side: typeof atBikes) => {
      const values = new Set<string>();
      for (const bundle of side.bundles) {
        if (bundle.recipient !== ZeroAddress) values.add(bundle.recipient.toLowerCase());
        values.add(bundle.pseudonym);
        for (const proof of bundle.proofs) {
          // Signal 0 is the statement hash: the same public statement for everyone who proves it.
          for (const signal of proof.publicSignals.slice(1)) values.add(signal);
          for (const part of [proof.proof.pi_a, proof.proof.pi_c, ...proof.proof.pi_b]) {
            for (const coordinate of part.flat()) if (coordinate !== '1' && coordinate !== '0') values.add(coordinate);
          }
        }
      }
      for (const record of side.records) {
        for (const key of ['pseudonym', 'nullifier', 'proofHash', 'rewardTx'] as const) {
          if (record[key]) values.add(String(record[key]).toLowerCase());
        }
      }
      return values;
    };
    const bikeValues = identifying(atBikes);
    const bookValues = identifying(atBooks);
    expect(bikeValues.size).toBeGreaterThan(10);
    expect([...bikeValues].filter((value) => bookValues.has(value))).toEqual([]);

    // What everyone sees on-chain: each Claimed event names another nullifier and recipient.
    const provider = new JsonRpcProvider(system.urls.rpc, undefined, { staticNetwork: true });
    try {
      const pool = new Interface(RewardPool.abi as never);
      const claimed = (
        await provider.getLogs({
          address: system.deployment.pool,
          topics: [pool.getEvent('Claimed')?.topicHash ?? ''],
          fromBlock: 0,
        })
      ).map((log) => pool.parseLog(log));
      const byCampaign = (campaignId: string) =>
        claimed
          .filter((event) => String(event?.args.campaignId) === campaignId)
          .map((event) => ({
            nullifier: String(event?.args.nullifier),
            recipient: String(event?.args.recipient).toLowerCase(),
          }));
      // This person's claims: the ones paid to the addresses the rewarded answers named.
      const paidTo = (campaignId: string, side: typeof atBikes) =>
        byCampaign(campaignId).filter((claim) => claim.recipient === side.bundles[0]?.recipient.toLowerCase());
      const [bikeClaim, ...moreAtBikes] = paidTo(bikes.campaignId, atBikes);
      const [bookClaim, ...moreAtBooks] = paidTo(books.campaignId, atBooks);
      expect([...moreAtBikes, ...moreAtBooks]).toEqual([]);
      expect(bikeClaim && bookClaim).toBeTruthy();
      expect(bikeClaim?.nullifier).not.toBe(bookClaim?.nullifier);
      expect(bikeClaim?.recipient).not.toBe(bookClaim?.recipient);
      expect(bikeValues.has(bookClaim?.recipient ?? '')).toBe(false);
      expect(bookValues.has(bikeClaim?.recipient ?? '')).toBe(false);
    } finally {
      provider.destroy();
    }
  });
});
