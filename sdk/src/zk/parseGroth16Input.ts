// Turns an untrusted Groth16 proof and its public signals into bigints, the same way snarkjs
// reads them (decimal or 0x-hex strings, or bigints), so the fast verifiers see exactly the
// numbers snarkjs would. Anything that is not a number at all is a ProofInvalidError, like the
// parse failures verifyGroth16 reports.
import { ProofInvalidError } from '../errors/index.ts';

export type G1Coordinates = bigint[];
export type G2Coordinates = bigint[][];
export type ParsedProof = { a: G1Coordinates; b: G2Coordinates; c: G1Coordinates };

export function parseSignals(publicSignals: unknown): bigint[] {
  if (!Array.isArray(publicSignals)) {
    throw new ProofInvalidError('The public signals must be a list of numbers.', { field: 'publicSignals' });
  }
  return publicSignals.map((value, index) => toBigInt(value, `publicSignals[${index}]`));
}

export function parseProof(proof: unknown): ParsedProof {
  if (typeof proof !== 'object' || proof === null) {
    throw new ProofInvalidError('The proof must be an object with pi_a, pi_b and pi_c.', { field: 'proof' });
  }
  const { pi_a, pi_b, pi_c } = proof as Record<string, unknown>;
  return { a: parseG1(pi_a, 'proof.pi_a'), b: parseG2(pi_b, 'proof.pi_b'), c: parseG1(pi_c, 'proof.pi_c') };
}

export function parseG1(value: unknown, field: string): G1Coordinates {
  return coordinates(value, field, toBigInt);
}

export function parseG2(value: unknown, field: string): G2Coordinates {
  return coordinates(value, field, (entry, entryField) => coordinates(entry, entryField, toBigInt));
}

// snarkjs reads [x, y] or [x, y, z] (projective); z is only looked at when there are exactly
// three entries. We keep the same entries so the curve library decodes the same point.
function coordinates<T>(value: unknown, field: string, parse: (value: unknown, field: string) => T): T[] {
  if (!Array.isArray(value) || value.length < 2) {
    throw new ProofInvalidError('A curve point must be a list of at least two coordinates.', { field });
  }
  const used = value.length === 3 ? value : value.slice(0, 2);
  return used.map((entry, index) => parse(entry, `${field}[${index}]`));
}

function toBigInt(value: unknown, field: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && (/^[0-9]+$/.test(value) || /^0x[0-9a-fA-F]+$/.test(value))) return BigInt(value);
  throw new ProofInvalidError('Expected a decimal or 0x-hex integer string.', {
    field,
    details: [`Got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value}`],
  });
}
