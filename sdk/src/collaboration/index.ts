// @decdp/sdk/collaboration: merchants collaborating without exchanging customer data
// (docs/collaboration.md). Legacy matching blinds CRM identifiers under a rotated per-collaboration
// HMAC key and yields only wallet invitations; consented linking proves, with the unchanged
// credential circuit, that a person's pseudonyms at two merchants are one holder's; the registry
// forgets a person everywhere when they revoke.
export * from './blindCustomers.ts';
export * from './collaborationKey.ts';
export * from './collaborationRegistry.ts';
export * from './confidence.ts';
export * from './errors.ts';
export * from './identifiers.ts';
export * from './linkBundle.ts';
export * from './linkConsentReceipts.ts';
export * from './linkPseudonyms.ts';
export * from './linkRequest.ts';
export * from './matchBlindedLists.ts';
export * from './proveLink.ts';
