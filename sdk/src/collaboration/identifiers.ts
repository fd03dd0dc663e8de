// Identifier kinds for legacy matching and their normalization: two merchants must turn the same
// person's "  Jane.Doe@Example.COM " and "jane.doe@example.com" into the same bytes before blinding,
// or nothing matches. One rule per kind, documented in docs/collaboration.md § Normalization.
import { InvalidInputError } from '../errors/index.ts';
import { UnknownIdentifierKindError } from './errors.ts';

/**
 * How strongly one identifier of a kind singles out one person (0..1). Email, phone and the name
 * parts come from the patent (sources.md); loyaltyNumber is DeCDP's own estimate (a card number
 * is issued to one person but is sometimes shared in a household).
 */
export const IDENTIFIER_KINDS = {
  email: { confidence: 0.9, grade: 'primary', source: 'patent' },
  phone: { confidence: 0.85, grade: 'primary', source: 'patent' },
  loyaltyNumber: { confidence: 0.8, grade: 'primary', source: 'decdp' },
  /** first name + last name + postal code blinded together. */
  namePostcode: { confidence: 0.6, grade: 'secondary', source: 'patent' },
  firstName: { confidence: 0.2, grade: 'tertiary', source: 'patent' },
  lastName: { confidence: 0.2, grade: 'tertiary', source: 'patent' },
  postalCode: { confidence: 0.2, grade: 'tertiary', source: 'patent' },
} as const;

export type IdentifierKind = keyof typeof IDENTIFIER_KINDS;
export type MatchGrade = 'primary' | 'secondary' | 'tertiary';

export const ALL_IDENTIFIER_KINDS = Object.keys(IDENTIFIER_KINDS) as IdentifierKind[];

/**
 * Kinds a collaboration blinds unless it says otherwise. The single name parts and the postal
 * code are left out: they are low-entropy and frequent, so even keyed tags leak by frequency
 * ("this tag appears 4,000 times") and add little (0.2 each).
 */
export const DEFAULT_IDENTIFIER_KINDS: readonly IdentifierKind[] = ['email', 'phone', 'loyaltyNumber', 'namePostcode'];

export type NamePostcode = { firstName: string; lastName: string; postalCode: string };

/** One identifier as a CRM holds it, before normalization. */
export type RawIdentifier =
  | { kind: Exclude<IdentifierKind, 'namePostcode'>; value: string }
  | { kind: 'namePostcode'; value: NamePostcode };

export type NormalizeOptions = {
  /** Digits of the country calling code for phone numbers without one (e.g. "31"); none = refuse them. */
  defaultCountryCode?: string;
  /** Names the input in errors; default "identifier". */
  field?: string;
};

export function isIdentifierKind(kind: unknown): kind is IdentifierKind {
  return typeof kind === 'string' && Object.hasOwn(IDENTIFIER_KINDS, kind);
}

/** Throws UnknownIdentifierKindError unless `kind` is a known kind (and in `enabled` when given). */
export function assertIdentifierKind(
  kind: unknown,
  params: { field: string; enabled?: readonly IdentifierKind[] },
): IdentifierKind {
  if (!isIdentifierKind(kind) || (params.enabled && !params.enabled.includes(kind))) {
    throw new UnknownIdentifierKindError(String(kind), { field: params.field });
  }
  return kind;
}

/**
 * The canonical string of one identifier; the same person's identifier typed two ways gives the
 * same string. Throws UnknownIdentifierKindError for an unknown kind and InvalidInputError
 * (naming the field) for a value that is not an identifier of its kind.
 * @example normalizeIdentifier({ kind: 'phone', value: '06 12 34 56 78' }, { defaultCountryCode: '31' }) // '+31612345678'
 */
export function normalizeIdentifier(identifier: unknown, options: NormalizeOptions = {}): string {
  const field = options.field ?? 'identifier';
  if (typeof identifier !== 'object' || identifier === null) {
    throw new InvalidInputError(`${field} must be an object { kind, value }.`, { field });
  }
  const { kind, value } = identifier as { kind?: unknown; value?: unknown };
  const known = assertIdentifierKind(kind, { field: `${field}.kind` });
  const valueField = `${field}.value`;
  if (known === 'namePostcode') {
    if (typeof value !== 'object' || value === null) {
      throw new InvalidInputError(`${valueField} must be { firstName, lastName, postalCode }.`, { field: valueField });
    }
    const parts = value as Record<string, unknown>;
    return [
      normalizeName(parts.firstName, `${valueField}.firstName`),
      normalizeName(parts.lastName, `${valueField}.lastName`),
      normalizePostalCode(parts.postalCode, `${valueField}.postalCode`),
    ].join('|');
  }
  switch (known) {
    case 'email':
      return normalizeEmail(value, valueField);
    case 'phone':
      return normalizePhone(value, valueField, options.defaultCountryCode);
    case 'firstName':
    case 'lastName':
      return normalizeName(value, valueField);
    case 'postalCode':
      return normalizePostalCode(value, valueField);
    case 'loyaltyNumber':
      return normalizeLoyaltyNumber(value, valueField);
  }
}

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw new InvalidInputError(`${field} must be a string.`, { field });
  const out = value.normalize('NFKC').trim();
  if (out.length === 0) throw new InvalidInputError(`${field} is empty.`, { field });
  if (out.length > max) throw new InvalidInputError(`${field} is longer than ${max} characters.`, { field });
  return out;
}

/** Trim, NFKC, lower case; domain to ASCII (IDN → punycode); the local part is kept as typed. */
function normalizeEmail(value: unknown, field: string): string {
  const email = text(value, field, 254).toLowerCase();
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (
    at <= 0 ||
    local.includes('@') ||
    /\s/.test(email) ||
    local.length > 64 ||
    !domain.includes('.') ||
    !/^[\p{L}\p{N}.-]+$/u.test(domain)
  ) {
    throw new InvalidInputError(`${field} is not an email address.`, { field });
  }
  let ascii: string;
  try {
    ascii = new URL(`http://${domain}/`).hostname;
  } catch (cause) {
    throw new InvalidInputError(`${field} has an invalid domain.`, { field, cause });
  }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(ascii)) {
    throw new InvalidInputError(`${field} has an invalid domain.`, { field });
  }
  return `${local}@${ascii}`;
}

/**
 * E.164: "+" and 8–15 digits. "00" means international; a national number needs defaultCountryCode.
 * "(0)" after a country code ("+31 (0)6 …") is the trunk prefix written for national callers: dropped.
 */
function normalizePhone(value: unknown, field: string, defaultCountryCode: string | undefined): string {
  const compact = text(value, field, 40)
    .replace(/\(0\)/g, '')
    .replace(/[\s\-.()/]/g, '');
  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else if (defaultCountryCode !== undefined) {
    if (!/^[1-9]\d{0,2}$/.test(defaultCountryCode)) {
      throw new InvalidInputError('defaultCountryCode must be 1–3 digits (no "+").', { field: 'defaultCountryCode' });
    }
    digits = defaultCountryCode + compact.replace(/^0/, '');
  } else {
    throw new InvalidInputError(`${field} has no country code.`, {
      field,
      hint: 'Write it as +<country><number> or pass defaultCountryCode.',
    });
  }
  if (!/^[1-9]\d{7,14}$/.test(digits)) {
    throw new InvalidInputError(`${field} is not a phone number (E.164: 8–15 digits).`, { field });
  }
  return `+${digits}`;
}

/** NFKD, accents dropped, lower case, letters only ("José-María" → "josemaria"). */
function normalizeName(value: unknown, field: string): string {
  const name = text(value, field, 100)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
  if (name.length === 0) throw new InvalidInputError(`${field} has no letters.`, { field });
  return name;
}

/** Upper case, spaces and dashes dropped, 2–10 letters or digits ("1012 ab" → "1012AB"). */
function normalizePostalCode(value: unknown, field: string): string {
  const code = text(value, field, 20).toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z0-9]{2,10}$/.test(code)) throw new InvalidInputError(`${field} is not a postal code.`, { field });
  return code;
}

/** Upper case, spaces and dashes dropped, 4–32 letters or digits. */
function normalizeLoyaltyNumber(value: unknown, field: string): string {
  const number = text(value, field, 64).toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z0-9]{4,32}$/.test(number)) throw new InvalidInputError(`${field} is not a loyalty number.`, { field });
  return number;
}
