// BN254 scalar field: every circuit signal lives here.
import { InvalidInputError } from '../errors/index.ts';

export const FIELD_MODULUS = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** Maps a 32-byte hash (hex) into the field by dropping its low 8 bits, as Semaphore does. */
export function hashToField(hashHex: string): bigint {
  return BigInt(hashHex) >> 8n;
}

/** Parses a decimal string or bigint into a field element, naming `field` when it is not one. */
export function toFieldElement(value: unknown, field: string): bigint {
  let parsed: bigint;
  try {
    parsed = typeof value === 'bigint' ? value : BigInt(String(value));
  } catch (cause) {
    throw new InvalidInputError(`${field} is not an integer.`, { field, cause });
  }
  if (parsed < 0n || parsed >= FIELD_MODULUS) {
    throw new InvalidInputError(`${field} is outside the BN254 field.`, { field });
  }
  return parsed;
}
