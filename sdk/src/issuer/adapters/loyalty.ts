// Loyalty: a merchant vouches for its own customer's loyalty tier and yearly spend band. The
// customer signs in to their loyalty account (email + password, checked against the merchant's
// own store); the data never leaves the merchant but as bands.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import { z } from 'zod';
import { SourceAuthenticationError } from '../../errors/index.ts';
import { parseWith } from '../../protocol/parse.ts';
import { bandFloor, describeBand, SPEND_BANDS_EUR, startOfYear } from '../bands.ts';
import { type AnyIssuerAdapter, defineAdapter } from './adapter.ts';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;

export type LoyaltyAccount = {
  email: string;
  tier: number;
  tierName: string;
  /** Spend over the last twelve months, cents. */
  spendCents: number;
  memberSince: string;
};

/** The merchant's loyalty accounts (its own data, node:sqlite). */
export type LoyaltyStore = {
  addAccount(account: LoyaltyAccount & { password: string }): Promise<void>;
  /** The account when the password is right; undefined otherwise (same time either way). */
  signIn(email: string, password: string): Promise<LoyaltyAccount | undefined>;
  /** The account as it is now (renewal: the person signed in before); undefined once it is gone. */
  account(email: string): Promise<LoyaltyAccount | undefined>;
  close(): void;
};

/** @since 0.2.0 */
export function openLoyaltyStore(params: { path: string }): LoyaltyStore {
  const db = new DatabaseSync(params.path);
  db.exec(`CREATE TABLE IF NOT EXISTS loyalty_accounts (
    email TEXT PRIMARY KEY, salt BLOB NOT NULL, password_hash BLOB NOT NULL,
    tier INTEGER NOT NULL, tier_name TEXT NOT NULL, spend_cents INTEGER NOT NULL, member_since TEXT NOT NULL)`);
  const dummySalt = randomBytes(16);
  return {
    addAccount: async (account) => {
      const salt = randomBytes(16);
      const hash = await scrypt(account.password, salt, 32);
      db.prepare(
        `INSERT INTO loyalty_accounts (email, salt, password_hash, tier, tier_name, spend_cents, member_since)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(email) DO UPDATE SET salt = excluded.salt,
         password_hash = excluded.password_hash, tier = excluded.tier, tier_name = excluded.tier_name,
         spend_cents = excluded.spend_cents, member_since = excluded.member_since`,
      ).run(
        account.email.toLowerCase(),
        salt,
        hash,
        account.tier,
        account.tierName,
        account.spendCents,
        account.memberSince,
      );
    },
    signIn: async (email, password) => {
      const row = db.prepare('SELECT * FROM loyalty_accounts WHERE email = ?').get(email.toLowerCase()) as
        | Record<string, unknown>
        | undefined;
      const salt = row ? Buffer.from(row.salt as Uint8Array) : dummySalt;
      const given = await scrypt(password, salt, 32);
      const stored = row ? Buffer.from(row.password_hash as Uint8Array) : randomBytes(32);
      if (!row || !timingSafeEqual(given, stored)) return undefined;
      return accountOf(row);
    },
    account: async (email) => {
      const row = db.prepare('SELECT * FROM loyalty_accounts WHERE email = ?').get(email.toLowerCase()) as
        | Record<string, unknown>
        | undefined;
      return row ? accountOf(row) : undefined;
    },
    close: () => db.close(),
  };
}

function accountOf(row: Record<string, unknown>): LoyaltyAccount {
  return {
    email: String(row.email),
    tier: Number(row.tier),
    tierName: String(row.tier_name),
    spendCents: Number(row.spend_cents),
    memberSince: String(row.member_since),
  };
}

const signInBody = z.object({ email: z.string().email().max(200), password: z.string().min(1).max(200) }).strict();

/** @since 0.2.0 */
export function createLoyaltyAdapter(params: {
  merchantName: string;
  store: LoyaltyStore;
  validForSeconds?: number;
}): AnyIssuerAdapter {
  return defineAdapter<LoyaltyAccount, LoyaltyAccount>({
    id: 'loyalty',
    name: `${params.merchantName} loyalty`,
    description: `Your loyalty tier and yearly spend band at ${params.merchantName}, from your loyalty account there.`,
    selfAsserted: false,
    attributes: ['loyaltyTier', 'spendBand', 'memberSince'],
    validForSeconds: params.validForSeconds ?? 30 * 86_400,
    startAuthentication: async () => ({
      kind: 'form',
      fields: [
        { name: 'email', label: `Email of your ${params.merchantName} loyalty account`, secret: false },
        { name: 'password', label: 'Password', secret: true },
      ],
    }),
    authenticate: async (_session, input) => {
      const { email, password } = parseWith(signInBody, input.body, 'body');
      const account = await params.store.signIn(email, password);
      if (!account) {
        throw new SourceAuthenticationError('The loyalty account email or password is wrong.', {
          field: 'body.password',
        });
      }
      return account;
    },
    read: async (account) => account,
    renewal: {
      grantFor: (account, now) => ({ data: { email: account.email }, until: now + 365 * 86_400 }),
      async resume({ email = '' }) {
        const account = await params.store.account(email);
        if (!account) {
          throw new SourceAuthenticationError('This loyalty account no longer exists.', { field: 'body.renewal' });
        }
        return account;
      },
    },
    derive: (account) => {
      const spendEuros = Math.floor(account.spendCents / 100);
      const spend = bandFloor(spendEuros, SPEND_BANDS_EUR);
      return [
        {
          attribute: 'loyaltyTier',
          value: account.tier,
          description: `loyalty tier ${account.tier} (${account.tierName})`,
        },
        {
          attribute: 'spendBand',
          value: spend,
          description: `spent ${describeBand(spend, SPEND_BANDS_EUR, 'euros')} in the last year`,
        },
        {
          attribute: 'memberSince',
          value: startOfYear(account.memberSince),
          description: `member since ${account.memberSince.slice(0, 4)}`,
        },
      ];
    },
  });
}
