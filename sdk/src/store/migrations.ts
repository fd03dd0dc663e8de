// One list of migrations for both stores: the same tables, columns and shape checks, spelled in
// each dialect. A migration is applied once, in a transaction, and recorded in schema_migrations.
// Never edit a released migration: add the next one.
//
// No column can hold an attribute value. Every text column is either a hash or field element with
// a fixed shape (CHECK constraints refuse anything else, e.g. "NL" or "1990-01-01"), or text the
// merchant wrote itself (its own signed request, the request's predicates in words). The test
// `merchantStore.schema.test.ts` pins the column list and tries raw values in every column.

import { OPERATOR_SCOPES } from './merchantStore.ts';

export type Migration = { version: number; name: string; sqlite: readonly string[]; postgres: readonly string[] };

const decimal = {
  sqlite: (column: string) => `length(${column}) BETWEEN 1 AND 78 AND ${column} NOT GLOB '*[^0-9]*'`,
  postgres: (column: string) => `${column} ~ '^[0-9]{1,78}$'`,
};
const hex32 = {
  sqlite: (column: string) =>
    `length(${column}) = 66 AND substr(${column}, 1, 2) = '0x' AND substr(${column}, 3) NOT GLOB '*[^0-9a-f]*'`,
  postgres: (column: string) => `${column} ~ '^0x[0-9a-f]{64}$'`,
};
const requestId = {
  sqlite: (column: string) => `length(${column}) BETWEEN 1 AND 64 AND ${column} NOT GLOB '*[^A-Za-z0-9_-]*'`,
  postgres: (column: string) => `${column} ~ '^[A-Za-z0-9_-]{1,64}$'`,
};
const decimalList = {
  sqlite: (column: string) => `${column} NOT GLOB '*[^]0-9",[]*'`,
  postgres: (column: string) => `${column} ~ '^\\[("[0-9]{1,78}",?)*\\]$'`,
};

const address = (d: Dialect, column: string) =>
  d === 'sqlite'
    ? `length(${column}) = 42 AND substr(${column}, 1, 2) = '0x' AND substr(${column}, 3) NOT GLOB '*[^0-9a-fA-F]*'`
    : `${column} ~ '^0x[0-9a-fA-F]{40}$'`;
/** A JSON document of at most `max` characters. */
const jsonText = (d: Dialect, column: string, max: number) =>
  `length(${column}) <= ${max} AND ${d === 'sqlite' ? `json_valid(${column})` : `${column}::jsonb IS NOT NULL`}`;

type Dialect = 'sqlite' | 'postgres';
function lightRecords(d: Dialect): string {
  return `CREATE TABLE IF NOT EXISTS light_records (
     id ${d === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'BIGSERIAL PRIMARY KEY'},
     pseudonym TEXT NOT NULL CHECK (${decimal[d]('pseudonym')}),
     request_id TEXT NOT NULL CHECK (${requestId[d]('request_id')}),
     predicates TEXT NOT NULL,
     proof_hash TEXT NOT NULL UNIQUE CHECK (${hex32[d]('proof_hash')}),
     issuer_key_hashes TEXT NOT NULL CHECK (${decimalList[d]('issuer_key_hashes')}),
     nullifier TEXT NOT NULL CHECK (${decimal[d]('nullifier')}),
     nullifier_scope TEXT NOT NULL CHECK (${decimal[d]('nullifier_scope')}),
     created_at BIGINT NOT NULL,
     expires_at BIGINT NOT NULL,
     consent_receipt TEXT CHECK (length(consent_receipt) <= 500),
     reward_tx TEXT CHECK (${hex32[d]('reward_tx')}),
     revoked_at BIGINT
   )`;
}

/**
 * Migration 3: the row no longer keeps nullifier_scope. The merchant's own request determines it
 * (nullifierScopeOf), and spent_nullifiers keeps it where it is needed; ~100 bytes less a customer.
 * SQLite cannot drop a column its CHECK constraints name, so the table is rebuilt.
 */
function lightRecordsWithoutScope(d: Dialect): string[] {
  if (d === 'postgres') return ['ALTER TABLE light_records DROP COLUMN IF EXISTS nullifier_scope'];
  const columns =
    'id, pseudonym, request_id, predicates, proof_hash, issuer_key_hashes, nullifier, created_at, expires_at, consent_receipt, reward_tx, revoked_at';
  return [
    lightRecords(d)
      .replace('CREATE TABLE IF NOT EXISTS light_records', 'CREATE TABLE light_records_v3')
      .replace(/\n\s*nullifier_scope TEXT NOT NULL CHECK \([^\n]*\),/, ''),
    `INSERT INTO light_records_v3 (${columns}) SELECT ${columns} FROM light_records`,
    'DROP TABLE light_records',
    'ALTER TABLE light_records_v3 RENAME TO light_records',
    'CREATE INDEX IF NOT EXISTS light_records_pseudonym ON light_records (pseudonym, request_id)',
    'CREATE INDEX IF NOT EXISTS light_records_expires ON light_records (expires_at)',
  ];
}

function schema(d: Dialect): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS requests (
       id TEXT PRIMARY KEY CHECK (${requestId[d]('id')}),
       signed TEXT NOT NULL,
       expires_at BIGINT NOT NULL
     )`,
    lightRecords(d),
    // Spent nullifiers outlive their records: purging a record must not let the answer be replayed.
    `CREATE TABLE IF NOT EXISTS spent_nullifiers (
       nullifier_scope TEXT NOT NULL CHECK (${decimal[d]('nullifier_scope')}),
       nullifier TEXT NOT NULL CHECK (${decimal[d]('nullifier')}),
       PRIMARY KEY (nullifier_scope, nullifier)
     )`,
    'CREATE INDEX IF NOT EXISTS light_records_pseudonym ON light_records (pseudonym, request_id)',
    'CREATE INDEX IF NOT EXISTS light_records_expires ON light_records (expires_at)',
  ];
}

/** What an idempotency key may name: a request or record id (migration 2), or a relayed claim (4). */
const idempotencyResource = {
  sqlite: (claims: boolean) =>
    `(resource GLOB 'request:*' AND ${requestId.sqlite('substr(resource, 9)')}) OR (resource GLOB 'record:*' AND ${decimal.sqlite('substr(resource, 8)')})${
      claims
        ? // claim:<tx hash>:<block>:<amount>: the hash at a fixed place, then two decimals and one colon.
          ` OR (resource GLOB 'claim:*' AND ${hex32.sqlite('substr(resource, 7, 66)')} AND substr(resource, 73, 1) = ':' AND substr(resource, 74) GLOB '[0-9]*:[0-9]*' AND substr(resource, 74) NOT GLOB '*[^0-9:]*' AND substr(resource, 74) NOT GLOB '*:*:*' AND length(resource) <= 172)`
        : ''
    }`,
  postgres: (claims: boolean) =>
    `resource ~ '^(request:[A-Za-z0-9_-]{1,64}|record:[0-9]{1,20}${claims ? '|claim:0x[0-9a-f]{64}:[0-9]{1,20}:[0-9]{1,78}' : ''})$'`,
};

function idempotencyKeys(d: Dialect, options: { table: string; claims: boolean }): string {
  // Keys are kept hashed; a replay rebuilds its answer from the resource it names.
  return `CREATE TABLE IF NOT EXISTS ${options.table} (
       key_hash TEXT PRIMARY KEY CHECK (${hex32[d]('key_hash')}),
       fingerprint TEXT NOT NULL CHECK (${hex32[d]('fingerprint')}),
       status INTEGER NOT NULL,
       resource TEXT NOT NULL CHECK (${idempotencyResource[d](options.claims)}),
       created_at BIGINT NOT NULL
     )`;
}

function idempotency(d: Dialect): string[] {
  return [
    idempotencyKeys(d, { table: 'idempotency_keys', claims: false }),
    'CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys (created_at)',
  ];
}

/**
 * Migration 4: idempotency keys of POST /claims are kept in the store too (they were in memory, so
 * a restart forgot them). Their resource is the relayed claim, `claim:<tx hash>:<block>:<amount>`;
 * the recipient is not kept (a replay has the same body, whose proof names it). SQLite cannot
 * change a CHECK constraint, so the table is rebuilt; PostgreSQL swaps the constraint.
 */
function idempotencyForClaims(d: Dialect): string[] {
  if (d === 'postgres') {
    return [
      'ALTER TABLE idempotency_keys DROP CONSTRAINT IF EXISTS idempotency_keys_resource_check',
      `ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_resource_check CHECK (${idempotencyResource.postgres(true)})`,
    ];
  }
  const columns = 'key_hash, fingerprint, status, resource, created_at';
  return [
    idempotencyKeys(d, { table: 'idempotency_keys_v4', claims: true }),
    `INSERT INTO idempotency_keys_v4 (${columns}) SELECT ${columns} FROM idempotency_keys`,
    'DROP TABLE idempotency_keys',
    'ALTER TABLE idempotency_keys_v4 RENAME TO idempotency_keys',
    'CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys (created_at)',
  ];
}

/**
 * Migration 5: operator API tokens for the admin routes. Only a hash of the secret is kept (a
 * stolen store gives no token); the id is public (it names the token in lists and logs).
 */
function operatorTokens(d: Dialect): string[] {
  const scopes = OPERATOR_SCOPES.join('|');
  return [
    `CREATE TABLE IF NOT EXISTS operator_tokens (
       id TEXT PRIMARY KEY CHECK (${d === 'sqlite' ? "length(id) = 16 AND id NOT GLOB '*[^0-9a-f]*'" : "id ~ '^[0-9a-f]{16}$'"}),
       name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
       secret_hash TEXT NOT NULL CHECK (${hex32[d]('secret_hash')}),
       scopes TEXT NOT NULL CHECK (${
         d === 'sqlite'
           ? `length(scopes) BETWEEN 1 AND 200 AND ${OPERATOR_SCOPES.reduce((text, scope) => `replace(${text}, '${scope}', '')`, 'scopes')} NOT GLOB '*[^,]*'`
           : `scopes ~ '^(${scopes})(,(${scopes}))*$'`
       }),
       created_at BIGINT NOT NULL,
       expires_at BIGINT,
       revoked_at BIGINT
     )`,
  ];
}

/**
 * Migration 6: the inboxes people opened for this merchant ("connect this shop"). A pod address is
 * a contact the person chose to give, not an attribute: it is kept apart from light records (no
 * column ties it to a pseudonym) and deleted when the person closes the inbox (delivery gets 404).
 */
function connectedInboxes(d: Dialect): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS connected_inboxes (
       id ${d === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'BIGSERIAL PRIMARY KEY'},
       url TEXT NOT NULL UNIQUE CHECK (length(url) <= 500 AND (${
         d === 'sqlite' ? "url GLOB 'http://*/' OR url GLOB 'https://*/'" : "url ~ '^https?://.+/$'"
       })),
       created_at BIGINT NOT NULL
     )`,
  ];
}

/**
 * Migration 7: the offer desk (docs/offers.md) survives a restart. Definitions are the operator's
 * own JSON (offers, and contexts made only of page, keywords, proven predicates and a mask id);
 * evidence is two counts per offer × context, tied to nobody; an opt-out ties a pseudonym to an
 * interest the person asked the merchant to stop using (kept so it keeps stopping).
 */
function offerDesk(d: Dialect): string[] {
  const offerId = (column: string) => (d === 'sqlite' ? requestId.sqlite(column) : requestId.postgres(column));
  const json = (column: string) => jsonText(d, column, 8000);
  const definitions = (table: string) => `CREATE TABLE IF NOT EXISTS ${table} (
       id TEXT PRIMARY KEY CHECK (${offerId('id')}),
       definition TEXT NOT NULL CHECK (${json('definition')}),
       updated_at BIGINT NOT NULL
     )`;
  return [
    definitions('offer_definitions'),
    definitions('offer_contexts'),
    `CREATE TABLE IF NOT EXISTS offer_evidence (
       offer_id TEXT NOT NULL CHECK (${offerId('offer_id')}),
       context_id TEXT NOT NULL CHECK (${offerId('context_id')}),
       displays BIGINT NOT NULL CHECK (displays >= 0),
       clicks BIGINT NOT NULL CHECK (clicks >= 0 AND clicks <= displays),
       PRIMARY KEY (offer_id, context_id)
     )`,
    `CREATE TABLE IF NOT EXISTS offer_opt_outs (
       pseudonym TEXT NOT NULL CHECK (${decimal[d]('pseudonym')}),
       interest TEXT NOT NULL CHECK (length(interest) BETWEEN 3 AND 210 AND (${
         d === 'sqlite'
           ? "interest GLOB 'page:?*' OR interest GLOB 'keyword:?*' OR interest GLOB 'predicate:?*' OR interest GLOB 'mask:?*'"
           : "interest ~ '^(page|keyword|predicate|mask):.+$'"
       })),
       created_at BIGINT NOT NULL,
       PRIMARY KEY (pseudonym, interest)
     )`,
  ];
}

/**
 * Migration 8: the proof bundle beside each light record, for audits (`decdp-audit reverify`), and
 * the consent-receipt reference filled. A bundle keeps only what the proofs carry (keptProofBundle.ts):
 * decimal field elements and the recipient address, each column shape-checked; it goes with its
 * record (a foreign key on PostgreSQL, a trigger on SQLite, which enforces foreign keys only when
 * asked). Older records keep no bundle (their answers were not kept) but get their reference: the
 * wallet's receipt id from the merchant's address in the signed request, the request and the record.
 */
function proofBundles(d: Dialect): string[] {
  const proofsShape =
    d === 'sqlite'
      ? `length(proofs) BETWEEN 4 AND 16000 AND proofs GLOB '[[][[]*]]' AND proofs NOT GLOB '*[^]0-9",[]*'`
      : `length(proofs) <= 16000 AND proofs ~ '^\\[(\\[("[0-9]{1,78}",?)+\\],?)+\\]$'`;
  const recipientShape =
    d === 'sqlite'
      ? "length(recipient) = 42 AND substr(recipient, 1, 2) = '0x' AND substr(recipient, 3) NOT GLOB '*[^0-9a-fA-F]*'"
      : "recipient ~ '^0x[0-9a-fA-F]{40}$'";
  const table = `CREATE TABLE IF NOT EXISTS proof_bundles (
       record_id ${d === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'BIGINT PRIMARY KEY REFERENCES light_records (id) ON DELETE CASCADE'},
       request_hash TEXT NOT NULL CHECK (${decimal[d]('request_hash')}),
       recipient TEXT NOT NULL CHECK (${recipientShape}),
       pseudonym TEXT NOT NULL CHECK (${decimal[d]('pseudonym')}),
       proofs TEXT NOT NULL CHECK (${proofsShape})
     )`;
  const merchantAddress =
    d === 'sqlite'
      ? "json_extract(requests.signed, '$.request.merchant.address')"
      : "(requests.signed::json -> 'request' -> 'merchant' ->> 'address')";
  const backfill = `UPDATE light_records SET consent_receipt = (
       SELECT lower(substr(${merchantAddress}, 3, 8)) || '-' || light_records.request_id || '-' || light_records.id
       FROM requests WHERE requests.id = light_records.request_id)
     WHERE consent_receipt IS NULL`;
  if (d === 'postgres') return [table, backfill];
  return [
    table,
    `CREATE TRIGGER IF NOT EXISTS light_records_delete_bundle AFTER DELETE ON light_records
     BEGIN DELETE FROM proof_bundles WHERE record_id = OLD.id; END`,
    backfill,
  ];
}

/**
 * Migration 9: the campaigns the merchant created from its page or CLI (their money is on-chain;
 * the row is what a rewarded request names, with the predicate in the merchant's own words), and a
 * durable count of confirmed revocations (one row each: the request and the time, no pseudonym),
 * because the revoked records themselves are deleted.
 */
function campaignsAndRevocations(d: Dialect): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS campaigns (
       campaign_id TEXT PRIMARY KEY CHECK (${decimal[d]('campaign_id')}),
       chain_id BIGINT NOT NULL,
       pool TEXT NOT NULL CHECK (${address(d, 'pool')}),
       scope TEXT NOT NULL CHECK (${decimal[d]('scope')}),
       token TEXT NOT NULL CHECK (${address(d, 'token')}),
       amount TEXT NOT NULL CHECK (${decimal[d]('amount')}),
       predicate TEXT NOT NULL CHECK (length(predicate) <= 2000),
       created_at BIGINT NOT NULL,
       closed_at BIGINT
     )`,
    `CREATE TABLE IF NOT EXISTS revocations (
       id ${d === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'BIGSERIAL PRIMARY KEY'},
       request_id TEXT NOT NULL CHECK (${requestId[d]('request_id')}),
       deleted_records INTEGER NOT NULL,
       revoked_at BIGINT NOT NULL
     )`,
  ];
}

/** A merchant's signed mask request, as the board (migration 10) and the merchant's desk (11) keep it. */
function signedMaskRequestColumns(d: Dialect): string {
  return `id TEXT PRIMARY KEY CHECK (${requestId[d]('id')}),
       mask_id TEXT NOT NULL CHECK (${d === 'sqlite' ? "length(mask_id) BETWEEN 3 AND 64 AND mask_id NOT GLOB '*[^a-z0-9-]*'" : "mask_id ~ '^[a-z0-9-]{3,64}$'"}),
       signed TEXT NOT NULL CHECK (${jsonText(d, 'signed', 8000)}),
       expires_at BIGINT NOT NULL`;
}

/** One answer to a mask request: the request and the answer's Semaphore nullifier. */
function maskAnswerKeyColumns(d: Dialect): string {
  return `request_id TEXT NOT NULL CHECK (${requestId[d]('request_id')}),
       nullifier TEXT NOT NULL CHECK (${decimal[d]('nullifier')}),`;
}

/**
 * Migration 10: the mask service's board of mask-targeted requests (docs/masks.md) survives a
 * restart: each merchant's own signed request, and per request the members' answers (a Semaphore
 * proof and, where the request pays, the reward address bound in it) keyed by their nullifier, so
 * a member answers once even across a restart.
 */
function maskRequestBoard(d: Dialect): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS mask_requests (
       ${signedMaskRequestColumns(d)}
     )`,
    'CREATE INDEX IF NOT EXISTS mask_requests_mask ON mask_requests (mask_id, expires_at)',
    `CREATE TABLE IF NOT EXISTS mask_answers (
       ${maskAnswerKeyColumns(d)}
       answer TEXT NOT NULL CHECK (${jsonText(d, 'answer', 8000)}),
       created_at BIGINT NOT NULL,
       PRIMARY KEY (request_id, nullifier)
     )`,
  ];
}

/**
 * Migration 11: the merchant's own requests to a mask's members (its mask desk, docs/masks.md):
 * each signed request, the answers the merchant verified itself (only the Semaphore nullifier and
 * the reward address bound in the proof: the board purges answers at expiry, these counts stay),
 * and one payout row per answer, written before the transfer is sent and given its transaction
 * hash once mined, so no answer is ever paid twice (a row without a hash is "uncertain").
 */
function maskDesk(d: Dialect): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS sent_mask_requests (
       ${signedMaskRequestColumns(d)},
       created_at BIGINT NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS sent_mask_answers (
       ${maskAnswerKeyColumns(d)}
       recipient TEXT CHECK (recipient IS NULL OR (${address(d, 'recipient')})),
       created_at BIGINT NOT NULL,
       PRIMARY KEY (request_id, nullifier)
     )`,
    `CREATE TABLE IF NOT EXISTS mask_payouts (
       ${maskAnswerKeyColumns(d)}
       recipient TEXT NOT NULL CHECK (${address(d, 'recipient')}),
       token TEXT NOT NULL CHECK (${address(d, 'token')}),
       amount TEXT NOT NULL CHECK (${decimal[d]('amount')}),
       tx_hash TEXT CHECK (tx_hash IS NULL OR (${hex32[d]('tx_hash')})),
       created_at BIGINT NOT NULL,
       paid_at BIGINT,
       PRIMARY KEY (request_id, nullifier)
     )`,
  ];
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'light records', sqlite: schema('sqlite'), postgres: schema('postgres') },
  { version: 2, name: 'idempotency keys', sqlite: idempotency('sqlite'), postgres: idempotency('postgres') },
  {
    version: 3,
    name: 'light records without nullifier scope',
    sqlite: lightRecordsWithoutScope('sqlite'),
    postgres: lightRecordsWithoutScope('postgres'),
  },
  {
    version: 4,
    name: 'idempotency keys for claims',
    sqlite: idempotencyForClaims('sqlite'),
    postgres: idempotencyForClaims('postgres'),
  },
  { version: 5, name: 'operator tokens', sqlite: operatorTokens('sqlite'), postgres: operatorTokens('postgres') },
  {
    version: 6,
    name: 'connected inboxes',
    sqlite: connectedInboxes('sqlite'),
    postgres: connectedInboxes('postgres'),
  },
  { version: 7, name: 'offer desk', sqlite: offerDesk('sqlite'), postgres: offerDesk('postgres') },
  {
    version: 8,
    name: 'proof bundles and consent-receipt references',
    sqlite: proofBundles('sqlite'),
    postgres: proofBundles('postgres'),
  },
  {
    version: 9,
    name: 'campaigns and revocation counts',
    sqlite: campaignsAndRevocations('sqlite'),
    postgres: campaignsAndRevocations('postgres'),
  },
  {
    version: 10,
    name: 'mask request board',
    sqlite: maskRequestBoard('sqlite'),
    postgres: maskRequestBoard('postgres'),
  },
  { version: 11, name: 'mask desk', sqlite: maskDesk('sqlite'), postgres: maskDesk('postgres') },
];

export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

/** Whether a migration was applied, and recording one (the drivers' migration loops share them). */
export const APPLIED_MIGRATION = 'SELECT 1 FROM schema_migrations WHERE version = $1';
export const RECORD_MIGRATION = 'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)';

/** Every table and column the stores create, and why none can hold a person's attribute value. */
export const SCHEMA_COLUMNS: Record<string, Record<string, string>> = {
  schema_migrations: { version: 'integer', name: 'migration name (ours)', applied_at: 'unix seconds' },
  requests: { id: 'request id (ours)', signed: "the merchant's own signed request", expires_at: 'unix seconds' },
  light_records: {
    id: 'integer',
    pseudonym: 'field element',
    request_id: 'request id (ours)',
    predicates: "the request's predicates in words (ours)",
    proof_hash: '32-byte hash',
    issuer_key_hashes: 'field elements',
    nullifier: 'field element',
    created_at: 'unix seconds',
    expires_at: 'unix seconds',
    consent_receipt: 'reference (≤ 500 chars)',
    reward_tx: '32-byte hash',
    revoked_at: 'unix seconds',
  },
  spent_nullifiers: { nullifier_scope: 'field element', nullifier: 'field element' },
  idempotency_keys: {
    key_hash: '32-byte hash',
    fingerprint: '32-byte hash',
    status: 'integer',
    resource: 'request or record id, or a relayed claim (tx hash, block, amount)',
    created_at: 'unix seconds',
  },
  operator_tokens: {
    id: 'token id (ours, 16 hex)',
    name: "the operator's label for the token (ours)",
    secret_hash: '32-byte hash',
    scopes: 'operator scopes (ours)',
    created_at: 'unix seconds',
    expires_at: 'unix seconds',
    revoked_at: 'unix seconds',
  },
  proof_bundles: {
    record_id: 'integer (the light record it belongs to; deleted with it)',
    request_hash: 'field element',
    recipient: 'address bound in the proof (public signal)',
    pseudonym: 'field element',
    proofs: 'Groth16 points and public signals (field elements only)',
  },
  campaigns: {
    campaign_id: 'campaign id (on-chain)',
    chain_id: 'integer',
    pool: 'contract address',
    scope: 'field element',
    token: 'contract address',
    amount: 'reward per answer (base units)',
    predicate: "the campaign's predicate (the merchant's own words)",
    created_at: 'unix seconds',
    closed_at: 'unix seconds',
  },
  revocations: {
    id: 'integer',
    request_id: 'request id (ours)',
    deleted_records: 'integer',
    revoked_at: 'unix seconds',
  },
  connected_inboxes: {
    id: 'integer',
    url: 'an inbox URL the person gave (contact, deleted when closed; no link to a record)',
    created_at: 'unix seconds',
  },
  offer_definitions: {
    id: 'offer id (ours)',
    definition: "the operator's offer: title, words, link, quota (ours)",
    updated_at: 'unix seconds',
  },
  offer_contexts: {
    id: 'context id (ours)',
    definition: 'page, keywords, proven predicates, mask id: context the merchant has (ours)',
    updated_at: 'unix seconds',
  },
  offer_evidence: { offer_id: 'offer id (ours)', context_id: 'context id (ours)', displays: 'count', clicks: 'count' },
  mask_requests: {
    id: 'mask request id (the merchant’s)',
    mask_id: 'mask id (public, on-chain)',
    signed: "the merchant's own signed mask request",
    expires_at: 'unix seconds',
  },
  mask_answers: {
    request_id: 'mask request id (the merchant’s)',
    nullifier: 'field element (Semaphore nullifier of the request scope)',
    answer: 'Semaphore proof (field elements) and the reward address bound in it',
    created_at: 'unix seconds',
  },
  sent_mask_requests: {
    id: 'mask request id (ours)',
    mask_id: 'mask id (public, on-chain)',
    signed: 'our own signed mask request',
    expires_at: 'unix seconds',
    created_at: 'unix seconds',
  },
  sent_mask_answers: {
    request_id: 'mask request id (ours)',
    nullifier: 'field element (Semaphore nullifier of the request scope)',
    recipient: 'reward address bound in the proof (one per member per merchant)',
    created_at: 'unix seconds',
  },
  mask_payouts: {
    request_id: 'mask request id (ours)',
    nullifier: 'field element (the answer paid)',
    recipient: 'reward address bound in the proof',
    token: 'contract address',
    amount: 'base units',
    tx_hash: '32-byte hash (null: sent, outcome unknown)',
    created_at: 'unix seconds',
    paid_at: 'unix seconds',
  },
  offer_opt_outs: {
    pseudonym: 'field element',
    interest: "one of the merchant's context values the person asked it to stop using",
    created_at: 'unix seconds',
  },
};
