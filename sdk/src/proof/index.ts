/**
 * @decdp/sdk/proof: the credential circuit's two ends, below the roles. Sign a credential (issuer
 * key), choose one for a predicate, build the witness, prove it; check a bundle of proofs (the one
 * skeleton answers, links, revocations and mask admissions share) and a merchant's answer.
 */

export { buildPredicateWitness, type PredicateContext } from './buildPredicateWitness.ts';
export { type CheckBundleRequestParameters, checkBundleRequest } from './checkBundleRequest.ts';
export {
  type BindingCheck,
  type BindingFailure,
  type BindingMessages,
  checkProofBinding,
  type ExpectedBinding,
} from './checkProofBinding.ts';
export {
  type BundleEntry,
  type CheckProofBundleParameters,
  checkProofBundle,
  type ProofsVerifier,
} from './checkProofBundle.ts';
export { createIssuerKey, type IssuerKey } from './createIssuerKey.ts';
export { type IssueCredentialParameters, issueCredential } from './issueCredential.ts';
export { pickCredential } from './pickCredential.ts';
export { type ProveFromCredentialsParameters, proveFromCredentials } from './proveFromCredentials.ts';
export { type ProvedPredicate, provePredicate } from './provePredicate.ts';
export { type VerifiedBundle, type VerifyProofBundleParameters, verifyProofBundle } from './verifyProofBundle.ts';
