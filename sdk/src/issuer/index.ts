/** @decdp/sdk/issuer: issuer keys, credential signing, the adapter interface, bands, proof of possession (browser-safe; the service is in /issuer/node). */

export { createIssuerKey, type IssuerKey } from '../proof/createIssuerKey.ts';
export { type IssueCredentialParameters, issueCredential, signCredential } from '../proof/issueCredential.ts';
export {
  type AnyIssuerAdapter,
  type AuthenticationInput,
  defineAdapter,
  type IssuerAdapter,
  type SourceSession,
} from './adapters/adapter.ts';
export * from './bands.ts';
export { createPossessionChallenge, possessionContextOf, verifyPossession } from './possession.ts';
