// The BN254 ("bn128") curve of ffjavascript, reached through snarkjs so DeCDP depends on one
// library version. Verification uses its own single-threaded instance: verifying is a few
// milliseconds of sequential work, worker threads would only add message copies, and a curve
// without workers never keeps a process alive (unlike the prover's shared curve).
import * as snarkjs from 'snarkjs';

/** Points and field elements are ffjavascript buffers in Montgomery form. */
export type Bytes = Uint8Array;

type Group = {
  F: { n8: number };
  zero: Bytes;
  fromObject(value: readonly bigint[] | readonly (readonly bigint[])[]): Bytes;
  toAffine(point: Bytes): Bytes;
  toJacobian(point: Bytes): Bytes;
  add(a: Bytes, b: Bytes): Bytes;
  neg(a: Bytes): Bytes;
  eq(a: Bytes, b: Bytes): boolean;
  isZero(a: Bytes): boolean;
  isValid(a: Bytes): boolean;
  timesScalar(a: Bytes, scalar: bigint): Bytes;
  toObject(a: Bytes): bigint[] | bigint[][];
};

type ThreadManager = {
  instance: { exports: Record<string, (...args: number[]) => number> };
  startSyncOp(): void;
  endSyncOp(): void;
  alloc(length: number): number;
  allocBuff(buffer: Bytes): number;
  getBuff(pointer: number, length: number): Bytes;
  setBuff(pointer: number, buffer: Bytes): void;
};

export type Bn128 = {
  name: string;
  q: bigint;
  r: bigint;
  tm: ThreadManager;
  prePSize: number;
  preQSize: number;
  G1: Group;
  G2: Group;
  Gt: { n8: number; one: Bytes; mul(a: Bytes, b: Bytes): Bytes; eq(a: Bytes, b: Bytes): boolean };
  prepareG1(point: Bytes): Bytes;
  prepareG2(point: Bytes): Bytes;
  millerLoop(preparedP: Bytes, preparedQ: Bytes): Bytes;
  finalExponentiation(value: Bytes): Bytes;
  terminate(): Promise<void>;
};

const getCurveFromName = snarkjs.curves.getCurveFromName as unknown as (
  name: string,
  options: { singleThread: boolean },
) => Promise<Bn128>;

let verifierCurve: Promise<Bn128> | undefined;

/** One single-threaded curve per process (or browser worker) for every verifier. */
export function loadVerifierCurve(): Promise<Bn128> {
  verifierCurve ??= getCurveFromName('bn128', { singleThread: true });
  return verifierCurve;
}

/**
 * Runs `action` inside one synchronous scratch arena of the curve's wasm memory: everything
 * allocated there is freed at the end, so a verification leaves no garbage behind.
 */
export function withWasm<T>(curve: Bn128, action: (memory: ThreadManager) => T): T {
  curve.tm.startSyncOp();
  try {
    return action(curve.tm);
  } finally {
    curve.tm.endSyncOp();
  }
}

/**
 * Σ scalars[i]·bases[i] in one call of the wasm multi-exponentiation (Pippenger); bases are
 * affine, scalars little-endian of `scalarBytes` each. Returns a Jacobian point.
 */
export function multiExpG1(curve: Bn128, bases: Bytes, scalars: Bytes, count: number, scalarBytes = 32): Bytes {
  return withWasm(curve, (memory) => {
    const pBases = memory.allocBuff(bases);
    const pScalars = memory.allocBuff(scalars);
    const pResult = memory.alloc(curve.G1.F.n8 * 3);
    call(curve, 'g1m_multiexpAffine', pBases, pScalars, scalarBytes, count, pResult);
    return memory.getBuff(pResult, curve.G1.F.n8 * 3);
  });
}

export function call(curve: Bn128, name: string, ...args: number[]): number {
  const fn = curve.tm.instance.exports[name];
  if (!fn) throw new Error(`ffjavascript's wasm has no ${name}`);
  return fn(...args);
}

/** Little-endian encoding of scalars, `size` bytes each, the layout the wasm multiexp reads. */
export function scalarsToBytes(values: readonly bigint[], size = 32): Bytes {
  const bytes = new Uint8Array(size * values.length);
  for (const [index, value] of values.entries()) {
    let rest = value;
    for (let byte = 0; byte < size; byte++) {
      bytes[index * size + byte] = Number(rest & 0xffn);
      rest >>= 8n;
    }
  }
  return bytes;
}
