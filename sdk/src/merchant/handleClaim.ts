// The merchant's claim relay (POST /claims): a wallet sends a fresh proof made for the campaign
// (its predicate, the campaign's scope, the person's own recipient); the merchant checks it
// off-chain — schema, its own campaign, the Groth16 proof, the statement is the campaign's, the
// proof time is inside the pool's window, the nullifier is unspent — and only then spends gas.
// The reward goes to the recipient inside the proof: the merchant cannot redirect it.
import { z } from 'zod';
import { NotFoundError, NullifierReusedError, ProofInvalidError, ProofMismatchError } from '../errors/index.ts';
import { circuitProofFields, decimal } from '../protocol/fields.ts';
import { parseWith } from '../protocol/parse.ts';
import {
  PUBLIC_SIGNAL_COUNT,
  type PUBLIC_SIGNALS,
  publicSignalsFromArray,
  recipientOf,
  unpackRecipientAndTime,
} from '../protocol/publicSignals.ts';
import type { ClaimRelay } from './claimRelay.ts';

export const claimBodySchema = z
  .object({
    campaignId: decimal,
    ...circuitProofFields,
  })
  .strict();

export type ClaimBody = z.output<typeof claimBodySchema>;

/** What POST /claims answers: the mined claim. `amount` in the token's smallest unit (decimal). */
export type ClaimResponse = { txHash: string; blockNumber: number; recipient: string; amount: string };

export type HandleClaimParameters = {
  /** Untrusted JSON as the wallet sent it; parsed here. */
  body: unknown;
  /** Campaigns this merchant relays for (decimal ids). */
  campaignIds: readonly string[];
  relay: ClaimRelay;
  /** Per-proof Groth16 answers (the service's batch verifier threads, or a prepared verifier). */
  verifyProofs: (items: readonly { proof: unknown; publicSignals: readonly string[] }[]) => Promise<boolean[]>;
};

const signalField = (name: (typeof PUBLIC_SIGNALS)[number]) => `body.publicSignals.${name}`;

/**
 * @example
 * const paid = await handleClaim({ body, campaignIds: ['1'], relay: createChainClaimRelay({ signer, pool }), verifyProofs });
 * @since 0.2.0
 */
export async function handleClaim(params: HandleClaimParameters): Promise<ClaimResponse> {
  const body = parseWith(claimBodySchema, params.body, 'body');
  if (!params.campaignIds.includes(body.campaignId)) {
    throw new NotFoundError(`This merchant relays no claims for campaign ${body.campaignId}.`, {
      field: 'body.campaignId',
      hint: 'Send the claim to the merchant whose request named the campaign.',
    });
  }
  const signals = publicSignalsFromArray(body.publicSignals);
  const { recipient, now: provedAt } = unpackRecipientAndTime(signals.recipientAndTime);
  if (recipient === 0n) {
    throw new ProofMismatchError('The proof names no recipient.', { field: signalField('recipientAndTime') });
  }
  const [valid] = await params.verifyProofs([{ proof: body.proof, publicSignals: body.publicSignals }]);
  if (!valid || body.publicSignals.length !== PUBLIC_SIGNAL_COUNT) {
    throw new ProofInvalidError('The claim proof does not verify.', { field: 'body.proof' });
  }
  const campaignId = BigInt(body.campaignId);
  const [isStatement, window, used] = await Promise.all([
    params.relay.isCampaignStatement({ campaignId, statementHash: signals.statementHash }),
    params.relay.proofWindow(),
    params.relay.isNullifierUsed(signals.nullifier),
  ]);
  if (!isStatement) {
    throw new ProofMismatchError(`The proof is not about campaign ${body.campaignId}'s predicate.`, {
      field: signalField('statementHash'),
      hint: 'Prove the campaign predicate with the campaign scope (the request’s reward.scope).',
    });
  }
  const time = Number(provedAt);
  if (time < window.now - window.maxAge || time > window.now + window.maxDrift) {
    throw new ProofMismatchError(
      `The proof time is outside the pool's window (${window.maxAge / 60} minutes old to ${window.maxDrift / 60} ahead of the chain).`,
      { field: signalField('recipientAndTime'), hint: 'Make a fresh proof and send it at once.' },
    );
  }
  if (used) {
    throw new NullifierReusedError('This reward was already paid.', {
      field: signalField('nullifier'),
      hint: 'This person already claimed in this campaign; nothing more is owed.',
    });
  }
  const paid = await params.relay.relay({ campaignId, proof: body.proof, publicSignals: body.publicSignals });
  return {
    txHash: paid.txHash,
    blockNumber: paid.blockNumber,
    recipient: paid.recipient || recipientOf(body.publicSignals),
    amount: paid.amount.toString(),
  };
}
