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

/** 6x + 2 for BN254's x: the optimal-ate loop count of ffjavascript's (wasmcurves') Miller loop. */
const ATE_LOOP_COUNT = 29793968203157093288n;
/** Its bits, least significant first, as wasmcurves walks them. */
const ATE_LOOP_BITS = [...ATE_LOOP_COUNT.toString(2)].reverse().map(Number);

/**
 * ∏ MillerLoop(Pᵢ, Qᵢ) in one shared loop (a "multi-Miller loop"): the accumulator is squared
 * once per step for all pairs instead of once per pair, which is about a third of each extra
 * Miller loop. The result equals the product of ffjavascript's `millerLoop` for each pair, value
 * for value (the test checks it), so callers still finish with one `finalExponentiation`.
 * `g1` is a Jacobian G1 point, `preparedG2` what `curve.prepareG2` returns. It replays the wasm
 * `bn128_millerLoop` step by step (double step, add step when the bit is set, two Frobenius
 * steps at the end) through the curve's own exported field functions.
 */
export function millerLoopProduct(curve: Bn128, pairs: readonly { g1: Bytes; preparedG2: Bytes }[]): Bytes {
  // The verifier curve's wasm memory is fixed (1.6 MB) and a prepared G2 point is 19.8 KB: a whole
  // batch of 256 does not fit at once. Chunks of MILLER_CHUNK share one loop each (one extra set
  // of squarings per chunk) and their products are multiplied.
  let product: Bytes | undefined;
  for (let start = 0; start < pairs.length || start === 0; start += MILLER_CHUNK) {
    const chunk = sharedMillerLoop(curve, pairs.slice(start, start + MILLER_CHUNK));
    product = product ? curve.Gt.mul(product, chunk) : chunk;
  }
  return product as Bytes;
}

/** Pairs per shared loop: 32 prepared G2 points are 633 KB of the curve's wasm memory. */
const MILLER_CHUNK = 32;

function sharedMillerLoop(curve: Bn128, pairs: readonly { g1: Bytes; preparedG2: Bytes }[]): Bytes {
  return withWasm(curve, (memory) => {
    const wasm = memory.instance.exports;
    const square = wasm.ftm_square as (a: number, out: number) => void;
    const mul1 = wasm.f2m_mul1 as (a: number, b: number, out: number) => void;
    const mulBy024 = wasm.bn128__mulBy024 as (ell0: number, vw: number, vv: number, f: number) => void;
    const n8 = curve.G1.F.n8;
    const f2Size = 2 * n8;
    const coefSize = 3 * f2Size;
    const points = pairs.map(({ g1, preparedG2 }) => {
      const prepared = memory.alloc(curve.prePSize);
      call(curve, 'bn128_prepareG1', memory.allocBuff(g1), prepared);
      // Line coefficients start after the affine Q (three Fp² values).
      return { x: prepared, y: prepared + n8, coef: memory.allocBuff(preparedG2) + 3 * f2Size };
    });
    const vw = memory.alloc(f2Size);
    const vv = memory.alloc(f2Size);
    const f = memory.alloc(curve.Gt.n8);
    const line = (point: (typeof points)[number]): void => {
      mul1(point.coef + f2Size, point.y, vw);
      mul1(point.coef + 2 * f2Size, point.x, vv);
      mulBy024(point.coef, vw, vv, f);
      point.coef += coefSize;
    };
    call(curve, 'ftm_one', f);
    for (let bit = ATE_LOOP_BITS.length - 2; bit >= 0; bit--) {
      square(f, f);
      for (const point of points) line(point);
      if (ATE_LOOP_BITS[bit]) for (const point of points) line(point);
    }
    for (const point of points) {
      line(point);
      line(point);
    }
    return memory.getBuff(f, curve.Gt.n8);
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
