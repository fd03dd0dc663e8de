import type { MerchantStore } from './merchantStore.ts';
import { openSqliteDriver } from './sqliteDriver.ts';
import { createSqlStore } from './sqlStore.ts';

/**
 * Opens (and migrates) a SQLite light-record store; `path` ':memory:' for tests.
 * @example const store = openSqliteStore({ path: 'data/merchant.sqlite' });
 * @since 0.2.0
 */
export function openSqliteStore(params: { path: string }): MerchantStore {
  return createSqlStore(openSqliteDriver(params));
}
