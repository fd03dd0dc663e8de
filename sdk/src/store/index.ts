/**
 * The merchant's light-record store (Node only: node:sqlite, pg), below the roles: the merchant
 * writes it, the auditor reads it. Public through `@decdp/sdk/merchant/node`.
 */
export type {
  IdempotencyEntry,
  KeptCampaign,
  KeptMaskPayout,
  LightRecord,
  MaskPayoutStart,
  MerchantStore,
  NewLightRecord,
  OfferEvidence,
  OperatorScope,
  OperatorToken,
  StoredOfferDesk,
} from './merchantStore.ts';
export { IDEMPOTENCY_TTL_SECONDS, OPERATOR_SCOPES } from './merchantStore.ts';
export { MIGRATIONS, MIGRATIONS_TABLE, type Migration, SCHEMA_COLUMNS } from './migrations.ts';
export { openPostgresStore, redact } from './openPostgresStore.ts';
export { openSqliteStore } from './openSqliteStore.ts';
export { openStore } from './openStore.ts';
export { schedulePurge } from './schedulePurge.ts';
