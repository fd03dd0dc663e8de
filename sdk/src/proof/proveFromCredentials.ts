// Choosing a credential and proving a predicate, as one step: what every prover of the SDK does
// (answers, links, mask admissions). pickCredential refuses in words when none fits.
import type { AttributeCredential } from '../protocol/credential.ts';
import { pickCredential } from './pickCredential.ts';
import { type ProvedPredicate, provePredicate } from './provePredicate.ts';

export type ProveFromCredentialsParameters = Omit<Parameters<typeof provePredicate>[0], 'credential'> & {
  /** The holder's credentials: the first valid one from an accepted issuer that satisfies the predicate is used. */
  credentials: readonly AttributeCredential[];
  /** Where a refusal to pick points; default `field`. */
  pickField?: string;
};

/**
 * @example
 * const { issuerKeyHash, proof, publicSignals } = await proveFromCredentials({ credentials, holderSecret, predicate, context, artifacts, field });
 */
export async function proveFromCredentials(params: ProveFromCredentialsParameters): Promise<ProvedPredicate> {
  const { credentials, pickField, ...rest } = params;
  const credential = pickCredential(credentials, params.predicate, params.context.now, pickField ?? params.field);
  return provePredicate({ ...rest, credential });
}
