// Does a merchant keep more than light records? Two passes over the store:
// 1. the schema: every table and column must be one of the light-record schema's (SCHEMA_COLUMNS,
//    where each column says why it cannot hold an attribute value); anything else is a finding,
//    an extra column named like a vocabulary attribute ("age", "city") an error;
// 2. the rows: every field must have its light-record shape (field elements, 32-byte hashes,
//    unix times), and every proven predicate must be the words of the merchant's own signed
//    request, so "age is 34" cannot hide in a predicate list of a request that asked "age ≥ 18".

import { describePredicate } from '../protocol/predicate.ts';
import { ATTRIBUTES } from '../protocol/vocabulary.ts';
import type { LightRecord, MerchantStore } from '../store/merchantStore.ts';
import { SCHEMA_COLUMNS } from '../store/migrations.ts';
import { type AuditReport, type Finding, report } from './findings.ts';

const FIELD_ELEMENT = /^\d{1,78}$/;
const HASH_32 = /^0x[0-9a-f]{64}$/i;
/** Consent receipts are referenced by URL or id, never inlined. */
const MAX_REFERENCE = 500;

export type ScanMerchantStoreParameters = {
  store: MerchantStore;
  /** How many records to read; default all (1,000,000). */
  limit?: number;
};

/**
 * @example
 * const store = openSqliteStore({ path: 'data/merchant.sqlite' });
 * const audit = await scanMerchantStore({ store });
 * if (!audit.ok) console.log(audit.findings);
 * @since 0.2.0
 */
export async function scanMerchantStore(params: ScanMerchantStoreParameters): Promise<AuditReport> {
  const findings: Finding[] = [];
  findings.push(...checkSchema(await params.store.describeSchema()));
  const records = await params.store.list({ limit: params.limit ?? 1_000_000, includeRevoked: true });
  const requestWords = new Map<string, Set<string> | null>();
  for (const record of records) {
    findings.push(...checkShape(record));
    let words = requestWords.get(record.requestId);
    if (words === undefined) {
      const signed = await params.store.getRequest(record.requestId);
      words = signed ? new Set(signed.request.predicates.map((predicate) => describePredicate(predicate))) : null;
      requestWords.set(record.requestId, words);
    }
    if (words === null) {
      findings.push({
        code: 'RECORD_WITHOUT_REQUEST',
        severity: 'warning',
        message: `Record ${record.id} answers request ${record.requestId}, which the store does not hold: its predicates cannot be checked.`,
        where: `light_records.id=${record.id}`,
      });
      continue;
    }
    for (const predicate of record.predicates) {
      if (!words.has(predicate)) {
        findings.push({
          code: 'PREDICATE_NOT_REQUESTED',
          severity: 'error',
          message: `Record ${record.id} keeps "${predicate.slice(0, 80)}", which request ${record.requestId} did not ask.`,
          where: `light_records.id=${record.id}.predicates`,
        });
      }
    }
  }
  return report('merchant store', records.length, findings);
}

/** Vocabulary ids and labels ("birthDate", "date of birth"), compared without case or spaces. */
const ATTRIBUTE_NAMES = new Set(ATTRIBUTES.flatMap((attribute) => [attribute.id, attribute.label]).map(normalize));

function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** @since 0.2.0 */
export function checkSchema(schema: Record<string, string[]>): Finding[] {
  const findings: Finding[] = [];
  for (const [table, columns] of Object.entries(schema)) {
    const allowed = SCHEMA_COLUMNS[table];
    if (!allowed) {
      findings.push({
        code: 'UNEXPECTED_TABLE',
        severity: ATTRIBUTE_NAMES.has(normalize(table)) ? 'error' : 'warning',
        message: `Table ${table} is not part of the light-record schema.`,
        where: table,
      });
      continue;
    }
    for (const column of columns) {
      if (column in allowed) continue;
      const looksLikeAttribute =
        ATTRIBUTE_NAMES.has(normalize(column)) || /value|raw|birth|email|phone|address/i.test(column);
      findings.push({
        code: looksLikeAttribute ? 'RAW_ATTRIBUTE_COLUMN' : 'UNEXPECTED_COLUMN',
        severity: looksLikeAttribute ? 'error' : 'warning',
        message: looksLikeAttribute
          ? `Column ${table}.${column} could hold a person's attribute value; light records never do.`
          : `Column ${table}.${column} is not part of the light-record schema.`,
        where: `${table}.${column}`,
      });
    }
  }
  return findings;
}

/** @since 0.2.0 */
export function checkShape(record: LightRecord): Finding[] {
  const findings: Finding[] = [];
  const where = `light_records.id=${record.id}`;
  const bad = (field: string, expected: string) =>
    findings.push({
      code: 'FIELD_NOT_LIGHT',
      severity: 'error',
      message: `Record ${record.id}: ${field} is not ${expected}.`,
      where: `${where}.${field}`,
    });
  if (!FIELD_ELEMENT.test(record.pseudonym)) bad('pseudonym', 'a field element');
  if (!FIELD_ELEMENT.test(record.nullifier)) bad('nullifier', 'a field element');
  if (!HASH_32.test(record.proofHash)) bad('proofHash', 'a 32-byte hash');
  if (record.rewardTx !== null && !HASH_32.test(record.rewardTx)) bad('rewardTx', 'a transaction hash');
  if (!record.issuerKeyHashes.every((hash) => FIELD_ELEMENT.test(hash)))
    bad('issuerKeyHashes', 'a list of field elements');
  if (record.consentReceipt !== null && record.consentReceipt.length > MAX_REFERENCE) {
    bad('consentReceipt', `a reference of at most ${MAX_REFERENCE} characters`);
  }
  if (!(record.expiresAt >= record.createdAt)) bad('expiresAt', 'after createdAt');
  return findings;
}
