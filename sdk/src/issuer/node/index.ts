/** @decdp/sdk/issuer/node: the issuer service, its log and the source adapters (Node only). */
export { createRateLimiter, type RateLimitOptions } from '../../http/rateLimit.ts';
export { serveHttp } from '../../http/serveHttp.ts';
export { createEthereumAdapter, type WatchedToken } from '../adapters/ethereum.ts';
export { createLoyaltyAdapter, type LoyaltyAccount, type LoyaltyStore, openLoyaltyStore } from '../adapters/loyalty.ts';
export { createBankAdapter } from '../adapters/psd2Bank.ts';
export { createPsd2Client, type Psd2Client } from '../adapters/psd2Client.ts';
export { createSolidProfileAdapter } from '../adapters/solidProfile.ts';
export {
  createIssuerService,
  type IssuerServiceOptions,
  type IssuerSourceConfig,
} from '../service/createIssuerService.ts';
export {
  createFileIssuanceLog,
  createMemoryIssuanceLog,
  type IssuanceLog,
  type IssuanceLogEntry,
} from '../service/issuanceLog.ts';
export {
  type IssuerSessionStore,
  openIssuerSessionStore,
} from '../service/issuerSessionStore.ts';
