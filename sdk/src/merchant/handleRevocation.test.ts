import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecdpError } from '../errors/index.ts';
import type { ConsentReceipt } from '../protocol/consentReceipt.ts';
import { packRecipientAndTime, pseudonymOf, SIGNAL_INDEX } from '../protocol/publicSignals.ts';
import type { SignedRequest } from '../protocol/request.ts';
import type { RevocationBody } from '../protocol/revocation.ts';
import type { MerchantStore } from '../store/merchantStore.ts';
import { openSqliteStore } from '../store/openSqliteStore.ts';
import { DEMO_RECIPIENT, demoRequest, makeHolder, merchantSigner } from '../testing/demo.ts';
import { newRecord } from '../testing/storeContract.ts';
import { buildRevocation } from '../wallet/revokeConsent.ts';
import { releaseProverThreads } from '../zk/groth16.ts';
import { type CredentialArtifacts, loadNodeArtifacts } from '../zk/loadNodeArtifacts.ts';
import { poseidonHash } from '../zk/poseidon.ts';
import { handleRevocation } from './handleRevocation.ts';

const now = Math.floor(Date.now() / 1000);
let artifacts: CredentialArtifacts;
let store: MerchantStore;
let signedRequest: SignedRequest;
let revocation: RevocationBody;
let recordId: number;
let holder: Awaited<ReturnType<typeof makeHolder>>;
let receipt: ConsentReceipt;

/** `OK`, or the refusal as the HTTP body would carry it: code, field, message. */
async function outcome(body: unknown, at = now): Promise<string> {
  try {
    await handleRevocation({
      body,
      store,
      signer: merchantSigner(),
      verificationKey: artifacts.verificationKey,
      now: at,
    });
    return 'OK';
  } catch (error) {
    if (!(error instanceof DecdpError)) throw error;
    const { code, field, message, hint } = error.toJSON();
    return `${code} ${field} ${message}${hint ? ` (${hint})` : ''}`;
  }
}
function withSignal(name: keyof typeof SIGNAL_INDEX, value: bigint): RevocationBody {
  const copy = structuredClone(revocation);
  copy.proof.publicSignals[SIGNAL_INDEX[name]] = value.toString();
  return copy;
}

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  holder = await makeHolder({ now });
  store = openSqliteStore({ path: ':memory:' });
  signedRequest = await demoRequest([{ attribute: 'age', op: 'gte', value: 18 }], {
    purpose: { code: 'age-check', text: 'Sell e-bikes only to adults' },
    now,
  });
  await store.saveRequest(signedRequest);
  const pseudonym = await pseudonymOf({
    holderSecret: holder.holderSecret,
    merchantScope: BigInt(signedRequest.request.scope),
  });
  const { record } = await store.save(
    newRecord({ pseudonym: pseudonym.toString(), requestId: signedRequest.request.id, expiresAt: now + 86_400 }),
  );
  recordId = record.id;
  receipt = {
    requestId: record.requestId,
    proofHash: record.proofHash,
    pseudonym: record.pseudonym,
    recordId,
  } as ConsentReceipt;
  revocation = await buildRevocation({
    receipt,
    signedRequest,
    credentials: holder.credentials,
    holderSecret: holder.holderSecret,
    artifacts,
    now,
  });
});
afterAll(async () => {
  await releaseProverThreads();
  await store.close();
});

describe('handleRevocation', () => {
  it('refuses every binding that does not hold with REVOCATION_INVALID, its field and words, deleting nothing', async () => {
    const refused = 'REVOCATION_INVALID body.proof.publicSignals';
    const packed = BigInt(revocation.proof.publicSignals[SIGNAL_INDEX.recipientAndTime] ?? 0);
    expect(await outcome(withSignal('statementHash', 65n))).toBe(
      `${refused}.statementHash The proof of pseudonym does not hold: it is not bound to this merchant and message.`,
    );
    expect(await outcome(withSignal('contextHash', 65n))).toBe(
      `${refused}.contextHash The proof of pseudonym does not hold: it is for another pseudonym or message.`,
    );
    expect(await outcome(withSignal('recipientAndTime', packed + (1n << 230n)))).toBe(
      `${refused}.recipientAndTime The proof of pseudonym does not hold: unreadable time.`,
    );
    const paying = packRecipientAndTime({ recipient: 0x70997970c51812dc3a010c7d01b50e0d17dc79c8n, now });
    expect(await outcome(withSignal('recipientAndTime', paying))).toBe(
      `${refused} The proof of pseudonym does not hold: a revocation pays nobody (recipient 0).`,
    );
    const stale = `${refused}.recipientAndTime The proof of pseudonym does not hold: it is not recent.`;
    expect(await outcome(revocation, now + 601)).toBe(stale);
    expect(await outcome(revocation, now - 121)).toBe(stale);
    // The proof's time is ours, but not the message's: issuedAt must be the proof's time too.
    const later = packRecipientAndTime({ recipient: 0n, now: now + 601 });
    expect(await outcome(withSignal('recipientAndTime', later), now + 601)).toBe(stale);
    const forged = structuredClone(revocation);
    forged.proof.proof.pi_a[0] = forged.proof.proof.pi_c[0] ?? '1';
    expect(await outcome(forged)).toBe(
      'REVOCATION_INVALID body.proof.proof The proof of pseudonym does not hold: the Groth16 proof does not verify.',
    );
    const elsewhere = structuredClone(revocation);
    elsewhere.message.merchant = DEMO_RECIPIENT;
    expect(await outcome(elsewhere)).toBe(
      'REVOCATION_INVALID body.message.merchant The revocation is addressed to another merchant.',
    );
    const unknown = structuredClone(revocation);
    unknown.message.requestId = 'nope';
    expect(await outcome(unknown)).toBe('NOT_FOUND body.message.requestId No request nope.');
    expect(await store.getRecord(recordId)).toBeDefined();
  });

  it('the wallet refuses a receipt from before circuit v3 (its pseudonym has no domain tag), by name', async () => {
    const untagged = await poseidonHash([holder.holderSecret, BigInt(signedRequest.request.scope)]);
    await expect(
      buildRevocation({
        receipt: { ...receipt, pseudonym: untagged.toString() },
        signedRequest,
        credentials: holder.credentials,
        holderSecret: holder.holderSecret,
        artifacts,
        now,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'receipt.pseudonym' });
  });

  it('deletes the record of a valid revocation and confirms; a second one deletes nothing', async () => {
    const first = await handleRevocation({
      body: revocation,
      store,
      signer: merchantSigner(),
      verificationKey: artifacts.verificationKey,
      now: now + 30,
    });
    expect(first.confirmation).toMatchObject({ deletedRecords: 1, deletedAt: now + 30 });
    expect(await store.getRecord(recordId)).toBeUndefined();
    expect(await outcome(revocation)).toBe('OK');
  });
});
