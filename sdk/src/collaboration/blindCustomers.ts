// Blinding a CRM for legacy matching: each identifier normalized, then HMAC-SHA-256 under the
// collaboration's epoch key. The blinded value names key id, epoch and kind, so a matcher can
// refuse stale values and compare tags of one kind only.
import { computeHmac, hexlify, randomBytes, toUtf8Bytes } from 'ethers';
import { DecdpError, InvalidInputError } from '../errors/index.ts';
import { type CollaborationKey, currentCollaborationKey } from './collaborationKey.ts';
import {
  assertIdentifierKind,
  DEFAULT_IDENTIFIER_KINDS,
  type IdentifierKind,
  normalizeIdentifier,
} from './identifiers.ts';

/** `hb1.<keyId>.<epoch>.<kind>.<tag: 64 hex>`: one blinded identifier. */
export type BlindedIdentifier = string;
export type ParsedBlindedIdentifier = { keyId: string; epoch: number; kind: IdentifierKind; tag: string };

const BLINDED_PATTERN = /^hb1\.([A-Za-z0-9_-]{1,64})\.(0|[1-9]\d{0,9})\.([A-Za-z]{1,32})\.([0-9a-f]{64})$/;

/**
 * tag = HMAC-SHA-256(epochKey, "decdp:collaboration:blind:v1|collaborationId|keyId|epoch|kind|normalized").
 * Kind and collaboration are in the message, so equal strings of two kinds or two collaborations
 * never give equal tags.
 */
export function blindNormalized(params: {
  key: CollaborationKey;
  kind: IdentifierKind;
  normalized: string;
}): BlindedIdentifier {
  const { key, kind, normalized } = params;
  const { collaborationId, keyId } = key.schedule;
  const message = `decdp:collaboration:blind:v1|${collaborationId}|${keyId}|${key.epoch}|${kind}|${normalized}`;
  const tag = computeHmac('sha256', key.secret, toUtf8Bytes(message)).slice(2);
  return `hb1.${keyId}.${key.epoch}.${kind}.${tag}`;
}

/** Normalizes and blinds one identifier with this key (whatever its epoch: see blindCustomers for "now"). */
export function blindIdentifier(params: {
  key: CollaborationKey;
  identifier: unknown;
  defaultCountryCode?: string;
  field?: string;
}): BlindedIdentifier {
  const field = params.field ?? 'identifier';
  const kind = assertIdentifierKind((params.identifier as { kind?: unknown } | null)?.kind, { field: `${field}.kind` });
  const normalized = normalizeIdentifier(params.identifier, {
    field,
    ...(params.defaultCountryCode === undefined ? {} : { defaultCountryCode: params.defaultCountryCode }),
  });
  return blindNormalized({ key: params.key, kind, normalized });
}

/** Parses `hb1.<keyId>.<epoch>.<kind>.<tag>`; INVALID_INPUT when malformed, UNKNOWN_IDENTIFIER_KIND for the kind. */
export function parseBlindedIdentifier(value: unknown, field = 'blinded'): ParsedBlindedIdentifier {
  const match = typeof value === 'string' ? BLINDED_PATTERN.exec(value) : null;
  if (!match) {
    throw new InvalidInputError(`${field} is not a blinded identifier (hb1.<keyId>.<epoch>.<kind>.<64 hex>).`, {
      field,
    });
  }
  const [, keyId = '', epoch = '0', kind, tag = ''] = match;
  return { keyId, epoch: Number(epoch), kind: assertIdentifierKind(kind, { field: `${field}.kind` }), tag };
}

/** What a merchant hands to the matcher: handles are random per list, never CRM ids. */
export type BlindedCustomerList = {
  version: 1;
  type: 'decdp.blinded-customers';
  collaborationId: string;
  keyId: string;
  epoch: number;
  customers: { handle: string; identifiers: BlindedIdentifier[] }[];
};

export type BlindCustomersResult = {
  /** Share this with the matcher. */
  list: BlindedCustomerList;
  /** handle → CRM ref: keep it; it turns your invitations back into customers to contact. */
  handles: Map<string, string>;
  /** Customers left out (skipInvalid, or nothing blindable), with why. */
  skipped: { ref: string; field: string; code: string }[];
};

export type BlindCustomersParameters = {
  /** Any key of the collaboration: ratcheted here to the epoch at `now`. */
  key: CollaborationKey;
  /** Untrusted CRM rows: `{ ref, identifiers: [{ kind, value }] }`. */
  customers: unknown;
  /** Unix seconds; default now. */
  now?: number;
  /** Kinds to blind; default DEFAULT_IDENTIFIER_KINDS. Other known kinds are not sent. */
  kinds?: readonly IdentifierKind[];
  /** For national phone numbers, e.g. "31". */
  defaultCountryCode?: string;
  /** Leave a customer with a malformed identifier out (listed in `skipped`) instead of throwing. */
  skipInvalid?: boolean;
  /** 16 random bytes as hex; injectable for tests. */
  randomHandle?: () => string;
};

/**
 * Blinds a CRM under the current epoch key. First + last name + postal code of one customer also
 * give the `namePostcode` composite. Entries are sorted by their random handle (the CRM's order,
 * e.g. sign-up order, is not sent).
 * @example const { list, handles } = blindCustomers({ key, customers: [{ ref: 'crm-17', identifiers: [{ kind: 'email', value: 'jane@example.com' }] }] });
 */
export function blindCustomers(params: BlindCustomersParameters): BlindCustomersResult {
  const now = params.now ?? Math.floor(Date.now() / 1000);
  const key = currentCollaborationKey(params.key, now);
  const kinds = params.kinds ?? DEFAULT_IDENTIFIER_KINDS;
  for (const [index, kind] of kinds.entries()) assertIdentifierKind(kind, { field: `kinds[${index}]` });
  const randomHandle = params.randomHandle ?? (() => hexlify(randomBytes(16)).slice(2));
  if (!Array.isArray(params.customers)) {
    throw new InvalidInputError('customers must be an array.', { field: 'customers' });
  }
  const entries: BlindedCustomerList['customers'] = [];
  const handles = new Map<string, string>();
  const skipped: BlindCustomersResult['skipped'] = [];
  for (const [index, row] of params.customers.entries()) {
    const field = `customers[${index}]`;
    const { ref, identifiers } = (row ?? {}) as { ref?: unknown; identifiers?: unknown };
    if (typeof ref !== 'string' || ref.length === 0 || ref.length > 200) {
      throw new InvalidInputError(`${field}.ref must be a non-empty string (your CRM id).`, { field: `${field}.ref` });
    }
    if (!Array.isArray(identifiers)) {
      throw new InvalidInputError(`${field}.identifiers must be an array.`, { field: `${field}.identifiers` });
    }
    let blinded: string[];
    try {
      blinded = blindRow({ key, identifiers, kinds, field, defaultCountryCode: params.defaultCountryCode });
    } catch (error) {
      if (!params.skipInvalid || !(error instanceof DecdpError)) throw error;
      skipped.push({ ref, field: error.field ?? field, code: error.code });
      continue;
    }
    if (blinded.length === 0) {
      skipped.push({ ref, field: `${field}.identifiers`, code: 'NO_BLINDABLE_IDENTIFIER' });
      continue;
    }
    let handle = randomHandle();
    while (handles.has(handle)) handle = randomHandle();
    handles.set(handle, ref);
    entries.push({ handle, identifiers: blinded });
  }
  entries.sort((x, y) => (x.handle < y.handle ? -1 : x.handle > y.handle ? 1 : 0));
  return {
    list: {
      version: 1,
      type: 'decdp.blinded-customers',
      collaborationId: key.schedule.collaborationId,
      keyId: key.schedule.keyId,
      epoch: key.epoch,
      customers: entries,
    },
    handles,
    skipped,
  };
}

function blindRow(params: {
  key: CollaborationKey;
  identifiers: unknown[];
  kinds: readonly IdentifierKind[];
  field: string;
  defaultCountryCode: string | undefined;
}): string[] {
  const { key, identifiers, kinds, field } = params;
  const country = params.defaultCountryCode === undefined ? {} : { defaultCountryCode: params.defaultCountryCode };
  const out = new Set<string>();
  const parts: Partial<Record<'firstName' | 'lastName' | 'postalCode', string>> = {};
  for (const [index, identifier] of identifiers.entries()) {
    const itemField = `${field}.identifiers[${index}]`;
    const kind = assertIdentifierKind((identifier as { kind?: unknown } | null)?.kind, { field: `${itemField}.kind` });
    const normalized = normalizeIdentifier(identifier, { field: itemField, ...country });
    if (kind === 'firstName' || kind === 'lastName' || kind === 'postalCode') parts[kind] ??= normalized;
    if (kinds.includes(kind)) out.add(blindNormalized({ key, kind, normalized }));
  }
  if (kinds.includes('namePostcode') && parts.firstName && parts.lastName && parts.postalCode) {
    const normalized = `${parts.firstName}|${parts.lastName}|${parts.postalCode}`;
    out.add(blindNormalized({ key, kind: 'namePostcode', normalized }));
  }
  return [...out].sort();
}
