// The circuit input for one predicate: the credential, the secret and the request's context.
import {
  CredentialExpiredError,
  PredicateNotSatisfiedError,
  ProofMismatchError,
  ValueOutOfRangeError,
} from '../errors/index.ts';
import type { AttributeCredential } from '../protocol/credential.ts';
import { MAX_ORDERED_VALUE, ORDERED_OPERATORS, predicateHolds } from '../protocol/operators.ts';
import type { ResolvedPredicate } from '../protocol/predicate.ts';
import { packRecipientAndTime } from '../protocol/publicSignals.ts';

export type PredicateContext = {
  now: number;
  merchantScope: bigint;
  nullifierScope: bigint;
  recipient: bigint;
  requestHash: bigint;
};

/**
 * Checks, before any proving, that the credential answers the predicate: a wallet must fail
 * with words, not with a circuit assertion deep inside snarkjs. Every input is private in
 * circuit v2; the circuit outputs the four public signals (protocol/publicSignals.ts).
 * @since 0.2.0
 */
export function buildPredicateWitness(params: {
  credential: AttributeCredential;
  holderSecret: bigint;
  predicate: ResolvedPredicate;
  context: PredicateContext;
  field: string;
}): Record<string, string | string[]> {
  const { credential, holderSecret, predicate, context, field } = params;
  if (credential.decdp.attributeCode !== predicate.attribute.code) {
    throw new ProofMismatchError(
      `The credential is for ${credential.credentialSubject.attribute}, not ${predicate.attribute.id}.`,
      {
        field,
      },
    );
  }
  if (context.now >= credential.decdp.expiresAt) {
    throw new CredentialExpiredError(
      `The ${predicate.attribute.label} credential expired on ${credential.validUntil}.`,
      {
        field,
        hint: 'Ask the issuer for a fresh credential.',
      },
    );
  }
  if (context.now < credential.decdp.issuedAt) {
    throw new CredentialExpiredError(`The ${predicate.attribute.label} credential is not valid yet.`, { field });
  }
  // The circuit's range checks, in words: recipient < 2^160, now < 2^64 (the packing of
  // recipientAndTime), and 64-bit values for order comparisons (no wrap-around in the field).
  packRecipientAndTime({ recipient: context.recipient, now: context.now });
  const value = BigInt(credential.decdp.encodedValue);
  if (ORDERED_OPERATORS.has(predicate.op) && value > MAX_ORDERED_VALUE) {
    throw new ValueOutOfRangeError(
      `The ${predicate.attribute.label} credential holds a value above 2^64-1; it cannot be compared.`,
      { field },
    );
  }
  if (!predicateHolds(predicate.op, value, { a: predicate.operandA, b: predicate.operandB, set: predicate.set })) {
    throw new PredicateNotSatisfiedError(`Your ${predicate.attribute.label} does not meet this request.`, { field });
  }
  const s = (value: bigint | number | string) => value.toString();
  return {
    holderSecret: s(holderSecret),
    value: s(value),
    issuedAt: s(credential.decdp.issuedAt),
    expiresAt: s(credential.decdp.expiresAt),
    credentialNonce: credential.decdp.nonce,
    issuerAx: credential.issuer.publicKey.x,
    issuerAy: credential.issuer.publicKey.y,
    signatureS: credential.proof.signature.S,
    signatureR8x: credential.proof.signature.R8x,
    signatureR8y: credential.proof.signature.R8y,
    set: predicate.set.map(s),
    attributeId: s(predicate.attribute.code),
    operator: s(predicate.operatorCode),
    operandA: s(predicate.operandA),
    operandB: s(predicate.operandB),
    now: s(context.now),
    merchantScope: s(context.merchantScope),
    nullifierScope: s(context.nullifierScope),
    recipient: s(context.recipient),
    requestHash: s(context.requestHash),
  };
}
