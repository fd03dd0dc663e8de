/** @decdp/sdk/protocol: the shared language of wallet, merchant and auditor. Pure functions. */

export type { AppConfig } from './appConfig.ts';
export * from './connectLink.ts';
export * from './consentReceipt.ts';
export * from './credential.ts';
export * from './issuance.ts';
export * from './maskDesk.ts';
export * from './operators.ts';
export { parseWith } from './parse.ts';
export * from './predicate.ts';
export * from './proofBundle.ts';
export * from './publicSignals.ts';
export * from './request.ts';
export * from './requestLink.ts';
export * from './requestQrCode.ts';
export * from './revocation.ts';
export * from './vocabulary.ts';
