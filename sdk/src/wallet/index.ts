/** @decdp/sdk/wallet: the holder's side: secret, credentials, proofs. */
export { buildPredicateWitness, type PredicateContext } from './buildPredicateWitness.ts';
export { createHolderSecret, subjectCommitment } from './holderSecret.ts';
export { type ProveRequestParameters, pickCredential, proveRequest } from './proveRequest.ts';
