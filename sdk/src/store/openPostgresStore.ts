import type { MerchantStore } from './merchantStore.ts';
import { openPostgresDriver } from './postgresDriver.ts';
import { createSqlStore } from './sqlStore.ts';

export { redact } from './postgresDriver.ts';

/**
 * Connects to PostgreSQL, migrates, and returns the light-record store.
 * @example const store = await openPostgresStore({ url: 'postgres://merchant@127.0.0.1:5432/shop' });
 * @since 0.2.0
 */
export async function openPostgresStore(params: { url: string; maxConnections?: number }): Promise<MerchantStore> {
  return createSqlStore(await openPostgresDriver(params));
}
