// What a bundle of proofs says it answers, checked before any proof: the request's id and hash
// (the version the signers signed), and exactly one proof per entry of the request (a predicate
// of an answer, a merchant of a link). One function for every verifier of bundles (merchant
// answers, merchant links), beside checkProofBinding, which then checks each proof.
import { InvalidInputError, ProofMismatchError } from '../errors/index.ts';

export type CheckBundleRequestParameters = {
  /** What the bundle names: the request's id and hash (decimal), and each proof's entry index. */
  bundle: { id: string; hash: string; indexes: readonly number[] };
  /** The request as its signers signed it: id, hash, and how many entries need a proof. */
  request: { id: string; hash: bigint; entries: number };
  /** Where the bundle keeps each, e.g. `{ id: 'bundle.requestId', hash: 'bundle.requestHash', proofs: 'bundle.proofs' }`. */
  fields: { id: string; hash: string; proofs: string };
};

/**
 * Throws ProofMismatchError (another request, or another version of it) or InvalidInputError (a
 * proof missing, or two for one entry), naming the bundle's field.
 * @example
 * checkBundleRequest({
 *   bundle: { id: bundle.requestId, hash: bundle.requestHash, indexes: bundle.proofs.map((p) => p.predicateIndex) },
 *   request: { id: request.id, hash: requestHash(request), entries: request.predicates.length },
 *   fields: { id: 'bundle.requestId', hash: 'bundle.requestHash', proofs: 'bundle.proofs' },
 * });
 */
export function checkBundleRequest(params: CheckBundleRequestParameters): void {
  const { bundle, request, fields } = params;
  if (bundle.id !== request.id) {
    throw new ProofMismatchError('The bundle answers another request.', {
      field: fields.id,
      details: [`Expected ${request.id}`, `Got ${bundle.id}`],
      hint: 'Send the bundle to the request it was made for.',
    });
  }
  if (BigInt(bundle.hash) !== request.hash) {
    throw new ProofMismatchError('The bundle is bound to another version of this request.', {
      field: fields.hash,
      details: [`Expected ${request.hash}`, `Got ${bundle.hash}`],
      hint: 'Fetch the request again and prove against the version its signers signed.',
    });
  }
  const indexes = [...bundle.indexes].sort((x, y) => x - y);
  if (indexes.length !== request.entries || indexes.some((value, index) => value !== index)) {
    throw new InvalidInputError('The bundle must hold exactly one proof per entry of the request.', {
      field: fields.proofs,
      details: [`Expected indexes 0 to ${request.entries - 1}, once each`, `Got ${indexes.join(', ') || 'none'}`],
      hint: 'Prove every entry (predicate or merchant) the request names, once.',
    });
  }
}

/**
 * A bundle that answers a request by its id and hash (fields `<names>Id` and `<names>Hash`: an
 * answer's `requestId`, a link's `linkRequestId`) with one proof per entry: its proofs in the
 * request's entry order, each named where the bundle holds it (`bundle.proofs[2]`), and the
 * checkBundleRequest parameters of it — what checkProofBundle takes as `entries` and `request`.
 */
export function requestedProofs<Proof, Names extends string>(params: {
  bundle: { proofs: readonly Proof[] } & Record<`${Names}Id` | `${Names}Hash`, string>;
  names: Names;
  indexOf: (proof: Proof) => number;
  request: CheckBundleRequestParameters['request'];
}): { entries: (Proof & { field: string })[]; request: CheckBundleRequestParameters } {
  const { bundle, names, indexOf } = params;
  const id = `${names}Id` as const;
  const hash = `${names}Hash` as const;
  const named = bundle as Record<typeof id | typeof hash, string>;
  return {
    entries: bundle.proofs
      .map((proof, position) => ({ ...proof, field: `bundle.proofs[${position}]` }))
      .sort((x, y) => indexOf(x) - indexOf(y)),
    request: {
      bundle: { id: named[id], hash: named[hash], indexes: bundle.proofs.map(indexOf) },
      request: params.request,
      fields: { id: `bundle.${id}`, hash: `bundle.${hash}`, proofs: 'bundle.proofs' },
    },
  };
}
