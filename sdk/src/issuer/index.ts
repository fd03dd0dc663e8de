/** @decdp/sdk/issuer: create an issuer key and sign attribute credentials for holders. */
export { createIssuerKey, type IssuerKey } from '../proof/createIssuerKey.ts';
export { type IssueCredentialParameters, issueCredential } from '../proof/issueCredential.ts';
