/** @decdp/sdk/merchant: requests out, proofs in, light records kept. */
export { type CreateRequestParameters, createRequest } from './createRequest.ts';
export {
  createMerchantService,
  type MerchantServiceOptions,
  type RewardCampaign,
} from './service/createMerchantService.ts';
export { errorBody, httpStatusOf } from './service/httpStatus.ts';
export { serveMerchantService } from './service/serveMerchantService.ts';
export type { LightRecord, MerchantStore, NewLightRecord } from './store/merchantStore.ts';
export { openSqliteStore } from './store/openSqliteStore.ts';
export { type VerifiedBundle, type VerifyProofBundleParameters, verifyProofBundle } from './verifyProofBundle.ts';
