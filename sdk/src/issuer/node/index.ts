/** @decdp/sdk/issuer/node: the issuer service, its log and the source adapters (Node only). */
export { createLoyaltyAdapter, type LoyaltyAccount, type LoyaltyStore, openLoyaltyStore } from '../adapters/loyalty.ts';
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
