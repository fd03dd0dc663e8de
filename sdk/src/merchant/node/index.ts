/**
 * @decdp/sdk/merchant/node: the merchant's Node-only parts. The light-record stores (SQLite on
 * node:sqlite, PostgreSQL on pg) and the HTTP service (Hono on @hono/node-server, verifier threads,
 * metrics); `decdp-merchant serve` (../cli/decdpMerchant.ts) runs them as a process.
 */

export { createRateLimiter, type RateLimitOptions } from '../../http/rateLimit.ts';
export { serveHttp } from '../../http/serveHttp.ts';
export {
  type IdempotencyEntry,
  type KeptCampaign,
  type LightRecord,
  type MerchantStore,
  MIGRATIONS,
  MIGRATIONS_TABLE,
  type Migration,
  type NewLightRecord,
  openPostgresStore,
  openSqliteStore,
  openStore,
  redact,
  SCHEMA_COLUMNS,
  schedulePurge,
} from '../../store/index.ts';
export {
  type CampaignDesk,
  type CampaignDeskParameters,
  type CampaignView,
  createCampaignDesk,
} from '../campaignDesk.ts';
export { type ConnectedRewards, connectRewards, type RewardsConfig } from '../cli/connectRewards.ts';
export {
  createOfferDesk,
  type OfferDesk,
  type OfferDeskOptions,
  openOfferDesk,
} from '../offers/createOfferDesk.ts';
export { createOfferRoutes, type OfferRoutesOptions } from '../offers/createOfferRoutes.ts';
export { authenticateOperator, createOperatorToken } from '../operatorToken.ts';
export {
  type AnswerVerifier,
  createAnswerVerifier,
  createVerifierThreads,
  type ProofVerifier,
} from '../service/answerVerifier.ts';
export { createMerchantService, type MerchantServiceOptions } from '../service/createMerchantService.ts';
export { createMetricsRegistry, type MetricsRegistry } from '../service/metrics.ts';
export { type RegistryTrust, trustIssuersFromRegistry } from '../trustIssuersFromRegistry.ts';
