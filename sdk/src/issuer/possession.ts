// The issuer's half of the proof of possession (protocol/issuance.ts explains the scheme): sign a
// one-time challenge credential for the claimed commitment, then check the holder's proof over it.
import { PossessionNotProvenError } from '../errors/index.ts';
import { checkProofBinding } from '../proof/checkProofBinding.ts';
import type { IssuerKey } from '../proof/createIssuerKey.ts';
import { signCredential } from '../proof/issueCredential.ts';
import type { AttributeCredential } from '../protocol/credential.ts';
import {
  POSSESSION_ATTRIBUTE,
  type PossessionBody,
  possessionChallengeValue,
  possessionPredicate,
} from '../protocol/issuance.ts';
import { contextHashOf, statementHashOf, statementOf } from '../protocol/publicSignals.ts';
import type { PreparedVerifier } from '../zk/prepareVerifier.ts';

export type PossessionContext = {
  merchantScope: bigint;
  nullifierScope: bigint;
  requestHash: bigint;
  recipient: bigint;
};

/**
 * The pseudonym's scope is the challenge key (one issuer-local name); nonce binds the rest.
 * @since 0.2.0
 */
export function possessionContextOf(params: { challengeKey: IssuerKey; sessionNonce: bigint }): PossessionContext {
  return {
    merchantScope: params.challengeKey.keyHash,
    nullifierScope: params.sessionNonce,
    requestHash: params.sessionNonce,
    recipient: 0n,
  };
}

/**
 * The challenge credential for one session: valid from a minute ago (clock skew) until the session ends.
 * @since 0.2.0
 */
export async function createPossessionChallenge(params: {
  challengeKey: IssuerKey & { name: string };
  subjectCommitment: bigint;
  sessionNonce: bigint;
  now: number;
  expiresAt: number;
}): Promise<AttributeCredential> {
  const value = await possessionChallengeValue(params);
  return signCredential({
    issuer: params.challengeKey,
    subjectCommitment: params.subjectCommitment,
    attribute: POSSESSION_ATTRIBUTE,
    encodedValue: value,
    value: value.toString(),
    issuedAt: params.now - 60,
    expiresAt: params.expiresAt,
    selfDeclared: false,
  });
}

/**
 * Throws PossessionNotProvenError naming the failed part unless `body` proves, for this session,
 * knowledge of the secret behind `subjectCommitment`.
 * @since 0.2.0
 */
export async function verifyPossession(params: {
  body: PossessionBody;
  challengeKey: IssuerKey;
  subjectCommitment: bigint;
  sessionNonce: bigint;
  verifier: PreparedVerifier;
  now: number;
  expiresAt: number;
}): Promise<void> {
  const { body } = params;
  const context = possessionContextOf(params);
  const predicate = await possessionPredicate(await possessionChallengeValue(params));
  const statementHash = await statementHashOf(
    statementOf(predicate, { issuerKeyHash: params.challengeKey.keyHash, ...context }),
  );
  const contextHash = await contextHashOf({ pseudonym: BigInt(body.pseudonym), requestHash: context.requestHash });
  checkProofBinding({
    publicSignals: body.publicSignals,
    field: 'possession',
    expected: {
      statementHash,
      contextHash,
      nullifier: undefined,
      recipient: 0n,
      now: params.now,
      maxAgeSeconds: 600,
      maxDriftSeconds: 60,
      expiresAt: params.expiresAt,
    },
    messages: {
      statementHash: 'The proof is not about this session’s challenge for this subject commitment.',
      contextHash: 'The proof is bound to another session or pseudonym.',
      nullifier: 'The proof is from another holder.',
      expired: 'The proof was made after the session ended.',
    },
    refuse: ({ message, ...options }) => new PossessionNotProvenError(message, options),
  });
  const valid = await params.verifier.verify(body.proof, body.publicSignals).catch(() => false);
  if (!valid)
    throw new PossessionNotProvenError('The proof of possession does not verify.', { field: 'possession.proof' });
}
