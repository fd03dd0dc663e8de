// The merchant's side of a revocation: check the person's proof of pseudonym, delete the light
// record, sign a deletion confirmation. Idempotent: a second valid revocation deletes nothing and
// confirms again (deletedRecords: 0).
import { getAddress, getBytes, type Signer } from 'ethers';
import { NotFoundError, RevocationInvalidError } from '../errors/index.ts';
import type { BindingCheck } from '../proof/checkProofBinding.ts';
import { checkProofBundle } from '../proof/checkProofBundle.ts';
import { resolvePredicate } from '../protocol/predicate.ts';
import { contextHashOf, statementHashOf, statementOf, unpackRecipientAndTime } from '../protocol/publicSignals.ts';
import {
  type DeletionConfirmation,
  deletionConfirmationDigest,
  parseRevocationBody,
  revocationHash,
  type SignedDeletionConfirmation,
} from '../protocol/revocation.ts';
import type { MerchantStore } from '../store/merchantStore.ts';
import type { VerificationKey } from '../zk/groth16.ts';

/** What each failed binding is called in a refusal ("The proof of pseudonym does not hold: …"). */
const REVOCATION_WORDS: Record<BindingCheck, string> = {
  verificationKey: 'wrong circuit version',
  proof: 'the Groth16 proof does not verify',
  statementHash: 'it is not bound to this merchant and message',
  contextHash: 'it is for another pseudonym or message',
  nullifier: 'it carries another nullifier', // not checked: a revocation has one proof
  unreadable: 'unreadable time',
  recipient: 'a revocation pays nobody (recipient 0)',
  time: 'it is not recent',
  expired: 'it was made after the request expired', // not checked: a revocation has no expiry
};

/** Where a refusal points when not at the failing signal. */
const FIELD_OF = { recipient: 'body.proof.publicSignals', verificationKey: 'body.proof' } as const;

export type HandleRevocationParameters = {
  /** Untrusted: `{ message, proof }` as the wallet sent it; parsed here. */
  body: unknown;
  store: MerchantStore;
  /** The merchant's key: must be the message's merchant; signs the confirmation. */
  signer: Signer;
  verificationKey: VerificationKey;
  /** Unix seconds; default now. */
  now?: number;
  /** How old the proof may be; default 10 minutes (and 2 minutes ahead of our clock). */
  maxProofAgeSeconds?: number;
};

/**
 * @example
 * const confirmation = await handleRevocation({ body: await c.req.json(), store, signer, verificationKey });
 * @since 0.2.0
 */
export async function handleRevocation(params: HandleRevocationParameters): Promise<SignedDeletionConfirmation> {
  const { message, proof } = parseRevocationBody(params.body);
  const now = params.now ?? Math.floor(Date.now() / 1000);
  const merchant = getAddress(await params.signer.getAddress());
  if (message.merchant !== merchant) {
    throw new RevocationInvalidError('The revocation is addressed to another merchant.', {
      field: 'body.message.merchant',
    });
  }
  const signedRequest = await params.store.getRequest(message.requestId);
  if (!signedRequest) throw new NotFoundError(`No request ${message.requestId}.`, { field: 'body.message.requestId' });
  const hash = revocationHash(message);
  const refusal = (what: string, field: string, cause?: unknown) =>
    new RevocationInvalidError(`The proof of pseudonym does not hold: ${what}.`, { field, cause });
  const refuse = (what: string, field: string): never => {
    throw refusal(what, field);
  };

  const maxAge = params.maxProofAgeSeconds ?? 600;
  // The shared bundle check (key, statement, context, recipient, time, Groth16), answered in the
  // revocation's own code and words: a revocation is for no request's expiry and pays nobody
  // (recipient 0).
  await checkProofBundle({
    entries: [{ ...proof, field: 'body.proof' }],
    verificationKey: params.verificationKey,
    bindingOf: async () => ({
      statementHash: await statementHashOf(
        statementOf(await resolvePredicate({ attribute: proof.attribute, op: 'exists' }, 'body.proof'), {
          issuerKeyHash: BigInt(proof.issuerKeyHash),
          merchantScope: BigInt(signedRequest.request.scope),
          nullifierScope: hash,
        }),
      ),
      // contextHash = Poseidon(pseudonym, requestHash): only the holder of the pseudonym's secret
      // can make a proof whose context is this pseudonym and this message.
      contextHash: await contextHashOf({ pseudonym: BigInt(message.pseudonym), requestHash: hash }),
    }),
    window: { recipient: 0n, now, maxAgeSeconds: maxAge, maxDriftSeconds: 120, expiresAt: undefined },
    messages: REVOCATION_WORDS,
    refuse: ({ check, field, cause }) =>
      refusal(REVOCATION_WORDS[check], FIELD_OF[check as keyof typeof FIELD_OF] ?? field, cause),
    // The message's own time must be the proof's (within the proof age), as well as ours.
    beforeProofs: ({ signals: [signals] }) => {
      if (
        !signals ||
        Math.abs(message.issuedAt - Number(unpackRecipientAndTime(signals.recipientAndTime).now)) > maxAge
      ) {
        refuse(REVOCATION_WORDS.time, 'body.proof.publicSignals.recipientAndTime');
      }
    },
  });

  const deletedRecords = await params.store.deleteRecords({
    pseudonym: message.pseudonym,
    requestId: message.requestId,
    proofHash: message.proofHash,
  });
  // The merchant's count of revocations outlives the records it deleted (a repeat deletes nothing).
  if (deletedRecords > 0) {
    await params.store.countRevocation({ requestId: message.requestId, deletedRecords, at: now });
  }
  const confirmation: DeletionConfirmation = {
    version: 1,
    type: 'decdp.deletion-confirmation',
    merchant,
    requestId: message.requestId,
    pseudonym: message.pseudonym,
    proofHash: message.proofHash,
    revocationHash: hash.toString(),
    deletedRecords,
    deletedAt: now,
  };
  const signature = await params.signer.signMessage(getBytes(deletionConfirmationDigest(confirmation)));
  return { confirmation, signature };
}
