// The published attribute vocabulary and the fixed encoding of values into field elements.
import { keccak256, toUtf8Bytes } from 'ethers';
import { InvalidInputError, UnknownAttributeError, ValueOutOfRangeError } from '../errors/index.ts';
import { hashToField } from '../zk/field.ts';
import { MAX_ORDERED_VALUE } from './operators.ts';
import vocabularyJson from './vocabulary.json' with { type: 'json' };

export type AttributeType = 'integer' | 'date' | 'money' | 'boolean' | 'category';
export type AttributeDefinition = {
  id: string;
  code: number;
  type: AttributeType;
  label: string;
  unit?: string;
  example?: string;
};

export const VOCABULARY_VERSION: string = vocabularyJson.version;
export const ATTRIBUTES: readonly AttributeDefinition[] = vocabularyJson.attributes as AttributeDefinition[];
const byId = new Map(ATTRIBUTES.map((attribute) => [attribute.id, attribute]));
const byCode = new Map(ATTRIBUTES.map((attribute) => [attribute.code, attribute]));

export function getAttribute(id: string, field = 'attribute'): AttributeDefinition {
  const attribute = byId.get(id);
  if (!attribute) throw new UnknownAttributeError(id, { field });
  return attribute;
}

export function getAttributeByCode(code: bigint | number): AttributeDefinition | undefined {
  return byCode.get(Number(code));
}

/** A value as people write it: a number for integer/money/date (days), boolean, or text. */
export type RawValue = number | bigint | string | boolean;

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for an ISO date ("2001-05-17"); the encoding of `date` attributes. */
export function dateToDays(isoDate: string, field = 'value'): bigint {
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || Number.isNaN(time)) {
    throw new InvalidInputError(`${field} is not a date (YYYY-MM-DD): "${isoDate}".`, { field });
  }
  return BigInt(Math.floor(time / DAY_MS));
}

export function encodeCategory(text: string): bigint {
  return hashToField(keccak256(toUtf8Bytes(`decdp:v1:${text.trim().toLowerCase()}`)));
}

/** Encodes a raw value of `attribute` into the field element the circuit and signature use. */
export function encodeValue(attribute: AttributeDefinition, raw: RawValue, field = 'value'): bigint {
  switch (attribute.type) {
    case 'category':
      if (typeof raw !== 'string' || raw.trim() === '') {
        throw new InvalidInputError(`${field} must be non-empty text for ${attribute.id}.`, { field });
      }
      return encodeCategory(raw);
    case 'boolean':
      if (typeof raw !== 'boolean') throw new InvalidInputError(`${field} must be true or false.`, { field });
      return raw ? 1n : 0n;
    case 'date':
      if (typeof raw === 'string') return dateToDays(raw, field);
      return toUint64(raw, field);
    case 'integer':
    case 'money':
      return toUint64(raw, field);
  }
}

function toUint64(raw: RawValue, field: string): bigint {
  let value: bigint;
  if (typeof raw === 'bigint') value = raw;
  else if (typeof raw === 'number' && Number.isSafeInteger(raw)) value = BigInt(raw);
  else if (typeof raw === 'string' && /^\d+$/.test(raw)) value = BigInt(raw);
  else throw new InvalidInputError(`${field} must be a whole number, got ${JSON.stringify(String(raw))}.`, { field });
  if (value < 0n || value > MAX_ORDERED_VALUE) {
    throw new ValueOutOfRangeError(`${field} must be between 0 and 2^64-1.`, { field });
  }
  return value;
}
