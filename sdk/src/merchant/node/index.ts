/**
 * @decdp/sdk/merchant/node: the merchant's Node-only parts. The light-record stores (SQLite on
 * node:sqlite, PostgreSQL on pg) and the HTTP service (Hono on @hono/node-server, verifier threads,
 * metrics); `decdp-merchant serve` (../cli/decdpMerchant.ts) runs them as a process.
 */
export {
  type IdempotencyEntry,
  type LightRecord,
  type MerchantStore,
  type NewLightRecord,
  openPostgresStore,
  openSqliteStore,
  openStore,
  schedulePurge,
} from '../../store/index.ts';
export { type ConnectedRewards, connectRewards, type RewardsConfig } from '../cli/connectRewards.ts';
export {
  createOfferDesk,
  type OfferDesk,
  type OfferDeskOptions,
} from '../offers/createOfferDesk.ts';
export { createOfferRoutes, type OfferRoutesOptions } from '../offers/createOfferRoutes.ts';
export {
  type AnswerVerifier,
  createAnswerVerifier,
  createVerifierThreads,
  type ProofVerifier,
} from '../service/answerVerifier.ts';
export { createMerchantService, type MerchantServiceOptions } from '../service/createMerchantService.ts';
export { createMetricsRegistry, type MetricsRegistry } from '../service/metrics.ts';
export { serveMerchantService } from '../service/serveMerchantService.ts';
