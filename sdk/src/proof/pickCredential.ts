// Which credential answers a predicate: the first valid one, from an accepted issuer, that
// satisfies it. Every prover of the SDK picks through it: answers, links, mask admissions.
import { PredicateNotSatisfiedError } from '../errors/index.ts';
import type { AttributeCredential } from '../protocol/credential.ts';
import { predicateHolds } from '../protocol/operators.ts';
import type { ResolvedPredicate } from '../protocol/predicate.ts';

/**
 * The first valid credential from an accepted issuer that satisfies the predicate.
 * @since 0.2.0
 */
export function pickCredential(
  credentials: readonly AttributeCredential[],
  predicate: ResolvedPredicate,
  now: number,
  field: string,
): AttributeCredential {
  const candidates = credentials.filter(
    (credential) =>
      credential.decdp.attributeCode === predicate.attribute.code &&
      credential.decdp.issuedAt <= now &&
      now < credential.decdp.expiresAt &&
      (predicate.issuers.length === 0 || predicate.issuers.includes(BigInt(credential.issuer.keyHash))),
  );
  const match = candidates.find((credential) =>
    predicateHolds(predicate.op, BigInt(credential.decdp.encodedValue), {
      a: predicate.operandA,
      b: predicate.operandB,
      set: predicate.set,
    }),
  );
  if (match) return match;
  throw new PredicateNotSatisfiedError(
    candidates.length === 0
      ? `You have no valid ${predicate.attribute.label} credential from an issuer this merchant accepts.`
      : `Your ${predicate.attribute.label} does not meet this request.`,
    { field },
  );
}
