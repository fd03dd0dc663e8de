import type { MerchantStore } from './merchantStore.ts';
import { openPostgresStore } from './openPostgresStore.ts';
import { openSqliteStore } from './openSqliteStore.ts';

/**
 * Opens a store from one string: a `postgres://` / `postgresql://` URL, or a SQLite file path
 * (`:memory:` for a throwaway one).
 * @example const store = await openStore({ db: process.env.DATABASE_URL ?? 'data/merchant.sqlite' });
 * @since 0.2.0
 */
export async function openStore(params: { db: string }): Promise<MerchantStore> {
  return /^postgres(ql)?:\/\//.test(params.db)
    ? openPostgresStore({ url: params.db })
    : openSqliteStore({ path: params.db });
}
