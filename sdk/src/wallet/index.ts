/** @decdp/sdk/wallet: the holder's side: secret, credentials, proofs. */
export { type PredicateContext, buildPredicateWitness } from './buildPredicateWitness.ts';
export { createHolderSecret, subjectCommitment } from './holderSecret.ts';
export { pickCredential, type ProveRequestParameters, proveRequest } from './proveRequest.ts';
