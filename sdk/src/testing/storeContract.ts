// One behaviour for every MerchantStore: the SQLite unit test and the PostgreSQL integration test
// (a real server) run these same cases.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecdpError } from '../errors/index.ts';
import type { ProofBundle } from '../protocol/proofBundle.ts';
import type { SignedRequest } from '../protocol/request.ts';
import {
  type MerchantStore,
  type NewLightRecord,
  type OperatorScope,
  SCHEMA_COLUMNS,
  schedulePurge,
} from '../store/index.ts';

export type StoreUnderTest = {
  store: MerchantStore;
  /** Inserts a raw row, bypassing the store (to test the database's own checks). */
  rawInsert(table: string, row: Record<string, unknown>): Promise<void>;
  /** Every cell of every table, as text. */
  dump(): Promise<string[]>;
};

const hex32 = () => `0x${randomBytes(32).toString('hex')}`;
const field = () => BigInt(`0x${randomBytes(31).toString('hex')}`).toString();

export function newRecord(overrides: Partial<NewLightRecord> = {}): NewLightRecord {
  return {
    pseudonym: field(),
    requestId: 'req-1',
    predicates: ['age ≥ 18'],
    proofHash: hex32(),
    issuerKeyHashes: [field()],
    nullifier: field(),
    nullifierScope: field(),
    createdAt: 1_000,
    expiresAt: 2_000,
    consentReceipt: null,
    ...overrides,
  };
}

/** A bundle of the right shape (its numbers are random, not a proof): what the store keeps of an answer. */
export function newProofBundle(overrides: Partial<ProofBundle> = {}): ProofBundle {
  const proof = () => ({
    pi_a: [field(), field(), '1'],
    pi_b: [
      [field(), field()],
      [field(), field()],
      ['1', '0'],
    ],
    pi_c: [field(), field(), '1'],
    protocol: 'groth16' as const,
    curve: 'bn128' as const,
  });
  return {
    version: 3,
    requestId: 'req-1',
    requestHash: field(),
    recipient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    pseudonym: field(),
    proofs: [0, 1].map((predicateIndex) => ({
      predicateIndex,
      issuerKeyHash: field(),
      proof: proof(),
      publicSignals: [field(), field(), field(), field()],
    })),
    ...overrides,
  };
}

const codeOf = (error: unknown) => (error instanceof DecdpError ? error.code : String(error));

export function describeStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`${name} store`, () => {
    it('has exactly the documented tables and columns', async () => {
      const { store } = await open();
      const schema = await store.describeSchema();
      const expected = Object.fromEntries(
        Object.entries(SCHEMA_COLUMNS).map(([table, columns]) => [table, Object.keys(columns).sort()]),
      );
      const actual = Object.fromEntries(Object.entries(schema).map(([table, columns]) => [table, [...columns].sort()]));
      expect(actual).toEqual(expected);
      await store.close();
    });

    it('refuses attribute-shaped values in every hash and field-element column', async () => {
      const { store, rawInsert } = await open();
      const valid = {
        pseudonym: '1',
        request_id: 'req-1',
        predicates: '[]',
        proof_hash: hex32(),
        issuer_key_hashes: '["1"]',
        nullifier: '2',
        created_at: 1,
        expires_at: 2,
      };
      await rawInsert('light_records', valid);
      const shaped = ['pseudonym', 'proof_hash', 'issuer_key_hashes', 'nullifier', 'reward_tx'];
      for (const column of shaped) {
        for (const value of ['NL', '1990-01-01', 'cycling', '["NL"]']) {
          await expect(
            rawInsert('light_records', { ...valid, proof_hash: hex32(), [column]: value }),
            `${column} = ${value}`,
          ).rejects.toThrow();
        }
      }
      for (const value of ['NL', '1990-01-01']) {
        await expect(rawInsert('spent_nullifiers', { nullifier_scope: '1', nullifier: value })).rejects.toThrow();
        await expect(rawInsert('spent_nullifiers', { nullifier_scope: value, nullifier: '1' })).rejects.toThrow();
        await expect(
          rawInsert('idempotency_keys', {
            key_hash: value,
            fingerprint: hex32(),
            status: 201,
            resource: 'record:1',
            created_at: 1,
          }),
        ).rejects.toThrow();
      }
      await store.close();
    });

    it('records the same proof once, even sent concurrently, and refuses a reused nullifier', async () => {
      const { store } = await open();
      const record = newRecord();
      const results = await Promise.all(Array.from({ length: 8 }, () => store.save(record)));
      expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
      expect(new Set(results.map((result) => result.record.id)).size).toBe(1);
      const again = await store.save(record);
      expect(again.duplicate).toBe(true);
      const other = newRecord({ nullifier: record.nullifier, nullifierScope: record.nullifierScope });
      await expect(store.save(other).catch(codeOf)).resolves.toBe('NULLIFIER_REUSED');
      // Different proofs with one nullifier, concurrently: one wins, the rest are refused.
      const scope = field();
      const racers = Array.from({ length: 6 }, () => newRecord({ nullifier: '42', nullifierScope: scope }));
      const raced = await Promise.allSettled(racers.map((racer) => store.save(racer)));
      expect(raced.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(raced.filter((result) => result.status === 'rejected').map((result) => codeOf(result.reason))).toEqual(
        Array(5).fill('NULLIFIER_REUSED'),
      );
      expect(await store.list()).toHaveLength(2);
      await store.close();
    });

    it('keeps no attribute value anywhere', async () => {
      const { store, dump } = await open();
      await store.save(newRecord({ predicates: ['age ≥ 18', 'country of residence is one of NL, BE'] }));
      const cells = (await dump()).join('\n');
      // The holder's own values (34, cycling) never reach the store; the request's words do.
      expect(cells).not.toMatch(/\b34\b|cycling/);
      await store.close();
    });

    it('purges expired and revoked records on a schedule, and keeps their nullifiers spent', async () => {
      const { store } = await open();
      const expired = newRecord({ expiresAt: 1_500 });
      const revoked = newRecord({ pseudonym: '77', requestId: 'req-2', expiresAt: 9_000 });
      const kept = newRecord({ expiresAt: 9_000 });
      for (const record of [expired, revoked, kept]) await store.save(record);
      expect(await store.revoke({ pseudonym: '77', requestId: 'req-2', at: 1_600 })).toBe(1);
      const purged: number[] = [];
      const schedule = schedulePurge({ store, everySeconds: 3600, now: () => 1_600, onPurged: (n) => purged.push(n) });
      await expect.poll(() => purged.length).toBeGreaterThan(0);
      schedule.stop();
      expect(purged[0]).toBe(2);
      expect((await store.list({ includeRevoked: true })).map((record) => record.proofHash)).toEqual([kept.proofHash]);
      await expect(store.save({ ...expired, proofHash: hex32() }).catch(codeOf)).resolves.toBe('NULLIFIER_REUSED');
      await store.close();
    });

    it('deletes one answer on revocation and finds records by id', async () => {
      const { store } = await open();
      const first = await store.save(newRecord({ pseudonym: '5', requestId: 'req-3' }));
      const second = await store.save(newRecord({ pseudonym: '6', requestId: 'req-3' }));
      expect(await store.getRecord(first.record.id)).toEqual(first.record);
      expect(await store.deleteRecords({ pseudonym: '5', requestId: 'req-3', proofHash: first.record.proofHash })).toBe(
        1,
      );
      expect(await store.deleteRecords({ pseudonym: '5', requestId: 'req-3' })).toBe(0);
      expect(await store.getRecord(first.record.id)).toBeUndefined();
      expect(await store.getRecord(second.record.id)).toEqual(second.record);
      await store.close();
    });

    it('remembers idempotency keys (first writer wins) and purges them after a day', async () => {
      const { store } = await open();
      const entry = { keyHash: hex32(), fingerprint: hex32(), status: 201, resource: 'record:1', createdAt: 1_000 };
      expect(await store.rememberIdempotencyKey(entry)).toBe(true);
      expect(await store.rememberIdempotencyKey({ ...entry, status: 200 })).toBe(false);
      expect(await store.findIdempotencyKey(entry.keyHash)).toEqual({
        fingerprint: entry.fingerprint,
        status: 201,
        resource: 'record:1',
        createdAt: 1_000,
      });
      await store.purge({ now: 1_000 + 86_400 });
      expect(await store.findIdempotencyKey(entry.keyHash)).toBeUndefined();
      await store.close();
    });

    it('keeps a relayed claim as an idempotency resource (transaction, block, amount) and nothing else', async () => {
      const { store, rawInsert } = await open();
      const resource = `claim:${hex32()}:42:5000000000000000000`;
      const entry = { keyHash: hex32(), fingerprint: hex32(), status: 201, resource, createdAt: 1_000 };
      expect(await store.rememberIdempotencyKey(entry)).toBe(true);
      expect((await store.findIdempotencyKey(entry.keyHash))?.resource).toBe(resource);
      const tx = hex32();
      const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
      for (const value of [
        'claim:NL',
        `claim:${tx}`,
        `claim:${tx}:42`,
        `claim:${tx}:4a:5`,
        `claim:${tx}:42:5:6`,
        `claim:${tx}:42:${recipient}:5`,
        `claim:${tx.toUpperCase()}:42:5`,
        `claim:${tx}:42:1990-01-01`,
        `claim:${tx}:42:${'9'.repeat(99)}`,
      ]) {
        await expect(
          rawInsert('idempotency_keys', {
            key_hash: hex32(),
            fingerprint: hex32(),
            status: 201,
            resource: value,
            created_at: 1,
          }),
          value,
        ).rejects.toThrow();
      }
      await store.close();
    });

    it('keeps operator tokens by id (hashed secret only), lists them and revokes once', async () => {
      const { store, rawInsert } = await open();
      const token = {
        id: '0123456789abcdef',
        name: 'till 1',
        secretHash: hex32(),
        scopes: ['requests:write', 'records:read'] as OperatorScope[],
        createdAt: 1_000,
        expiresAt: 5_000,
        revokedAt: null,
      };
      await store.saveOperatorToken(token);
      await store.saveOperatorToken({ ...token, id: 'fedcba9876543210', expiresAt: null, createdAt: 1_001 });
      expect(await store.getOperatorToken(token.id)).toEqual(token);
      expect(await store.getOperatorToken('0000000000000000')).toBeUndefined();
      expect((await store.listOperatorTokens()).map((each) => each.id)).toEqual([token.id, 'fedcba9876543210']);
      expect(await store.revokeOperatorToken({ id: token.id, at: 2_000 })).toBe(true);
      expect(await store.revokeOperatorToken({ id: token.id, at: 3_000 })).toBe(false);
      expect(await store.revokeOperatorToken({ id: '0000000000000000', at: 3_000 })).toBe(false);
      expect((await store.getOperatorToken(token.id))?.revokedAt).toBe(2_000);
      await expect(store.saveOperatorToken(token)).rejects.toThrow();
      const valid = { id: 'aaaaaaaaaaaaaaaa', name: 'x', secret_hash: hex32(), scopes: 'metrics:read', created_at: 1 };
      await rawInsert('operator_tokens', valid);
      for (const [column, value] of [
        ['id', 'NL'],
        ['secret_hash', 'plain-secret'],
        ['scopes', 'admin'],
        ['scopes', 'records:read,root'],
        ['name', ''],
      ] as const) {
        await expect(
          rawInsert('operator_tokens', { ...valid, id: 'bbbbbbbbbbbbbbbb', [column]: value }),
          `${column} = ${value}`,
        ).rejects.toThrow();
      }
      await store.close();
    });

    it('keeps the proof bundle and the consent-receipt id with the record, and drops them with it', async () => {
      const { store, rawInsert, dump } = await open();
      const merchantAddress = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
      const saveWithBundle = (overrides: Partial<NewLightRecord> = {}) => {
        const bundle = newProofBundle({ requestId: overrides.requestId ?? 'req-1' });
        return store
          .save(newRecord({ proofBundle: bundle, consentReceipt: { merchantAddress }, expiresAt: 9_000, ...overrides }))
          .then((saved) => ({ ...saved, bundle }));
      };
      const kept = await saveWithBundle();
      expect(kept.record.consentReceipt).toBe(`f39fd6e5-req-1-${kept.record.id}`);
      expect(await store.getRecord(kept.record.id)).toEqual(kept.record);
      expect(await store.getProofBundle(kept.record.id)).toEqual(kept.bundle);
      // A duplicate keeps the first bundle; a record without one has none.
      expect((await store.save(newRecord({ ...kept.record, nullifierScope: '1' }))).duplicate).toBe(true);
      const bare = await store.save(newRecord({ consentReceipt: 'receipt-7' }));
      expect(bare.record.consentReceipt).toBe('receipt-7');
      expect(await store.getProofBundle(bare.record.id)).toBeUndefined();

      const expired = await saveWithBundle({ expiresAt: 1_500 });
      const revoked = await saveWithBundle({ pseudonym: '88', requestId: 'req-4' });
      const deleted = await saveWithBundle({ pseudonym: '99', requestId: 'req-5' });
      await store.revoke({ pseudonym: '88', requestId: 'req-4', at: 1_600 });
      // Revoked: the proofs go at once, before the record's own purge.
      expect(await store.getProofBundle(revoked.record.id)).toBeUndefined();
      await store.deleteRecords({ pseudonym: '99', requestId: 'req-5' });
      expect(await store.getProofBundle(deleted.record.id)).toBeUndefined();
      await store.purge({ now: 1_600 });
      expect(await store.getProofBundle(expired.record.id)).toBeUndefined();
      expect(await store.getProofBundle(kept.record.id)).toEqual(kept.bundle);
      const cells = (await dump()).join('\n');
      for (const gone of [expired, revoked, deleted]) expect(cells).not.toContain(gone.bundle.proofs[0]?.proof.pi_a[0]);

      // The database itself refuses anything but field elements and an address.
      const valid = {
        record_id: 999_999,
        request_hash: '1',
        recipient: merchantAddress,
        pseudonym: '2',
        proofs: '[["0","1"]]',
      };
      for (const [column, value] of [
        ['request_hash', 'NL'],
        ['pseudonym', '1990-01-01'],
        ['recipient', 'cycling'],
        ['proofs', '[["NL"]]'],
        ['proofs', '{"age":34}'],
        ['proofs', '[["1"],"cycling"]'],
      ] as const) {
        await expect(
          rawInsert('proof_bundles', { ...valid, [column]: value }),
          `${column} = ${value}`,
        ).rejects.toThrow();
      }
      await store.close();
    });

    it('keeps the merchant’s campaigns (closed once) and counts confirmed revocations durably', async () => {
      const { store, rawInsert } = await open();
      const campaign = (campaignId: string) => ({
        campaign: {
          chainId: 31337,
          pool: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
          campaignId,
          scope: field(),
          token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
          amount: '5000000000000000000',
        },
        predicate: { attribute: 'age', op: 'gte' as const, value: 18 },
        createdAt: 1_000 + Number(campaignId),
        closedAt: null,
      });
      await store.saveCampaign(campaign('2'));
      await store.saveCampaign(campaign('3'));
      expect((await store.listCampaigns()).map((kept) => kept.campaign.campaignId)).toEqual(['2', '3']);
      const [first] = await store.listCampaigns();
      expect({ ...first, campaign: { ...first?.campaign, scope: '' } }).toEqual({
        ...campaign('2'),
        campaign: { ...campaign('2').campaign, scope: '' },
      });
      expect(await store.closeCampaign({ campaignId: '2', at: 5_000 })).toBe(true);
      expect(await store.closeCampaign({ campaignId: '2', at: 6_000 })).toBe(false);
      expect((await store.listCampaigns())[0]?.closedAt).toBe(5_000);
      await expect(store.saveCampaign(campaign('3'))).rejects.toThrow();
      for (const [column, value] of [
        ['campaign_id', 'NL'],
        ['pool', 'cycling'],
        ['scope', '1990-01-01'],
      ] as const) {
        const valid = {
          campaign_id: '9',
          chain_id: 1,
          pool: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
          scope: '1',
          token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
          amount: '1',
          predicate: '{}',
          created_at: 1,
        };
        await expect(rawInsert('campaigns', { ...valid, [column]: value }), `${column} = ${value}`).rejects.toThrow();
      }

      expect(await store.revocationCount()).toBe(0);
      await store.countRevocation({ requestId: 'req-1', deletedRecords: 1, at: 10 });
      await store.countRevocation({ requestId: 'req-1', deletedRecords: 0, at: 11 }); // a repeat: nothing deleted
      await store.countRevocation({ requestId: 'req-2', deletedRecords: 1, at: 12 });
      await store.purge({ now: 1_000_000 });
      expect(await store.revocationCount()).toBe(2);
      await expect(
        rawInsert('revocations', { request_id: 'NL; DROP', deleted_records: 1, revoked_at: 1 }),
      ).rejects.toThrow();
      await store.close();
    });

    it('keeps the mask desk’s requests, verified answers and payouts: one payout row per answer, even raced', async () => {
      const { store, rawInsert } = await open();
      const recipient = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
      const token = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
      for (const [id, at] of [
        ['sent-old1', 1],
        ['sent-new1', 2],
      ] as const) {
        await store.saveSentMaskRequest({ id, maskId: 'new-cyclist', signed: `{"id":"${id}"}`, expiresAt: 10, at });
      }
      expect((await store.listSentMaskRequests()).map((row) => row.signed)).toEqual([
        '{"id":"sent-new1"}',
        '{"id":"sent-old1"}',
      ]);
      expect(await store.getSentMaskRequest('sent-old1')).toBe('{"id":"sent-old1"}');
      expect(await store.getSentMaskRequest('sent-none')).toBeUndefined();
      await store.saveSentMaskAnswers({
        requestId: 'sent-new1',
        answers: [
          { nullifier: '11', recipient },
          { nullifier: '12', recipient: null },
        ],
        at: 3,
      });
      await store.saveSentMaskAnswers({
        requestId: 'sent-new1',
        answers: [{ nullifier: '11', recipient: null }],
        at: 4,
      });
      expect(await store.listSentMaskAnswers('sent-new1')).toEqual([
        { nullifier: '11', recipient },
        { nullifier: '12', recipient: null },
      ]);
      // Eight payout runs of one answer at once: one row is written, so one transfer would be sent.
      const payout = { requestId: 'sent-new1', nullifier: '11', recipient, token, amount: '2500', at: 5 };
      const started = await Promise.all(Array.from({ length: 8 }, () => store.startMaskPayout(payout)));
      expect(started.filter(Boolean)).toHaveLength(1);
      expect((await store.listMaskPayouts('sent-new1'))[0]).toMatchObject({ txHash: null, paidAt: null });
      const txHash = hex32();
      await store.finishMaskPayout({ requestId: 'sent-new1', nullifier: '11', txHash, at: 6 });
      const { at: _at, ...row } = payout;
      expect(await store.listMaskPayouts('sent-new1')).toEqual([{ ...row, txHash, createdAt: 5, paidAt: 6 }]);
      // Kept past expiry and purges: the merchant's counts of what it asked and paid.
      await store.purge({ now: 1_000_000 });
      expect(await store.listSentMaskRequests()).toHaveLength(2);
      expect(await store.listSentMaskAnswers('sent-new1')).toHaveLength(2);
      for (const [table, row] of [
        ['sent_mask_answers', { request_id: 'sent-new1', nullifier: 'NL', created_at: 1 }],
        ['sent_mask_answers', { request_id: 'sent-new1', nullifier: '13', recipient: 'cycling', created_at: 1 }],
        ['sent_mask_requests', { id: 'sent-x', mask_id: 'Age 34', signed: '{}', expires_at: 1, created_at: 1 }],
        [
          'sent_mask_requests',
          { id: 'sent-y', mask_id: 'new-cyclist', signed: 'age=34', expires_at: 1, created_at: 1 },
        ],
        [
          'mask_payouts',
          { request_id: 'sent-new1', nullifier: '14', recipient, token, amount: '1990-01-01', created_at: 1 },
        ],
        [
          'mask_payouts',
          { request_id: 'sent-new1', nullifier: '15', recipient, token, amount: '1', tx_hash: 'NL', created_at: 1 },
        ],
      ] as const) {
        await expect(rawInsert(table, row), `${table} ${JSON.stringify(row)}`).rejects.toThrow();
      }
      await store.close();
    });

    it('keeps connected inboxes once each, apart from records, and forgets a closed one', async () => {
      const { store, rawInsert } = await open();
      const first = 'http://localhost:3000/anna/decdp/inboxes/0123456789abcdef0123456789abcdef/';
      const second = 'https://pod.example/ben/decdp/inbox/';
      await store.saveInbox({ url: first, createdAt: 1 });
      await store.saveInbox({ url: second, createdAt: 2 });
      await store.saveInbox({ url: first, createdAt: 3 });
      expect(await store.listInboxes()).toEqual([first, second]);
      expect(await store.deleteInbox(first)).toBe(true);
      expect(await store.deleteInbox(first)).toBe(false);
      expect(await store.listInboxes()).toEqual([second]);
      for (const url of ['NL', 'javascript:alert(1)/', 'http://no-trailing-slash', `https://x/${'a'.repeat(500)}/`]) {
        await expect(rawInsert('connected_inboxes', { url, created_at: 1 }), url).rejects.toThrow();
      }
      await store.close();
    });

    it('keeps the offer desk: definitions replaced, evidence added up, opt-outs once, shapes checked', async () => {
      const { store, rawInsert } = await open();
      await store.saveOfferDefinition({ kind: 'offer', id: 'helmet-10', definition: '{"quota":10}', at: 1 });
      await store.saveOfferDefinition({ kind: 'offer', id: 'helmet-10', definition: '{"quota":20}', at: 2 });
      await store.saveOfferDefinition({ kind: 'context', id: 'home', definition: '{"page":"/"}', at: 1 });
      await store.addOfferEvidence([{ offerId: 'helmet-10', contextId: 'home', displays: 10, clicks: 1 }]);
      await store.addOfferEvidence([
        { offerId: 'helmet-10', contextId: 'home', displays: 5, clicks: 2 },
        { offerId: 'helmet-10', contextId: 'search', displays: 3, clicks: 0 },
      ]);
      expect(await store.saveOfferOptOut({ pseudonym: '42', interest: 'predicate:age ≥ 18', at: 1 })).toBe(true);
      expect(await store.saveOfferOptOut({ pseudonym: '42', interest: 'predicate:age ≥ 18', at: 2 })).toBe(false);
      expect(await store.loadOfferDesk()).toEqual({
        offers: [{ id: 'helmet-10', definition: '{"quota":20}' }],
        contexts: [{ id: 'home', definition: '{"page":"/"}' }],
        evidence: [
          { offerId: 'helmet-10', contextId: 'home', displays: 15, clicks: 3 },
          { offerId: 'helmet-10', contextId: 'search', displays: 3, clicks: 0 },
        ],
        optOuts: [{ pseudonym: '42', interest: 'predicate:age ≥ 18' }],
      });
      // More clicks than displays in one increment: refused, and nothing of the batch is added.
      await expect(
        store.addOfferEvidence([
          { offerId: 'helmet-10', contextId: 'home', displays: 1, clicks: 0 },
          { offerId: 'other', contextId: 'home', displays: 1, clicks: 5 },
        ]),
      ).rejects.toThrow();
      expect((await store.loadOfferDesk()).evidence[0]).toEqual({
        offerId: 'helmet-10',
        contextId: 'home',
        displays: 15,
        clicks: 3,
      });
      await expect(
        rawInsert('offer_opt_outs', { pseudonym: 'NL', interest: 'mask:x', created_at: 1 }),
      ).rejects.toThrow();
      await expect(
        rawInsert('offer_opt_outs', { pseudonym: '1', interest: 'age=34', created_at: 1 }),
      ).rejects.toThrow();
      await expect(rawInsert('offer_contexts', { id: 'a b', definition: '{}', updated_at: 1 })).rejects.toThrow();
      await expect(rawInsert('offer_contexts', { id: 'ok', definition: 'not json', updated_at: 1 })).rejects.toThrow();
      await store.close();
    });

    it('lists open requests the last to expire first, and campaigns by creation then id as a number', async () => {
      const { store } = await open();
      for (const [id, expiresAt] of [
        ['req-b', 5_000],
        ['req-a', 5_000],
        ['req-late', 9_000],
        ['req-gone', 100],
      ] as const) {
        await store.saveRequest({ request: { id, expiresAt }, signature: '0x01' } as unknown as SignedRequest);
      }
      expect((await store.listOpenRequests({ now: 200 })).map((signed) => signed.request.id)).toEqual([
        'req-late',
        'req-a',
        'req-b',
      ]);
      for (const campaignId of ['10', '9', '100']) {
        await store.saveCampaign({
          campaign: {
            chainId: 1,
            pool: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
            campaignId,
            scope: '1',
            token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
            amount: '1',
          },
          predicate: { attribute: 'age', op: 'gte', value: 18 },
          createdAt: campaignId === '100' ? 1 : 2,
          closedAt: null,
        });
      }
      expect((await store.listCampaigns()).map((kept) => kept.campaign.campaignId)).toEqual(['100', '9', '10']);
      await store.close();
    });
  });
}
