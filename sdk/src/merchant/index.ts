/** @decdp/sdk/merchant: requests out, proofs in, light records kept. */
export { type CreateRequestParameters, createRequest } from './createRequest.ts';
export type { LightRecord, LightRecordStore, NewLightRecord } from './store/lightRecord.ts';
export { openSqliteStore } from './store/openSqliteStore.ts';
export { type VerifiedBundle, type VerifyProofBundleParameters, verifyProofBundle } from './verifyProofBundle.ts';
