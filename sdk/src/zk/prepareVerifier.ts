// A Groth16 verifier with the verification key prepared once. snarkjs' verify re-derives
// everything per call (four full pairings in worker threads, a 256-task multiexp for 13
// points); here the per-proof work is one 13-point multiexp, three Miller loops sharing one accumulator with γ and δ
// lines precomputed, and one final exponentiation compared against e(α, β) computed once.
//
// Accepts and rejects exactly what snarkjs.groth16.verify does for every well-formed input,
// with two deliberate exceptions where snarkjs is looser than the EVM precompiles that check
// the same proof on-chain (EIP-196/197): a coordinate ≥ the base field modulus (snarkjs reduces
// it, so one proof has many encodings) and a π_B on the twist but outside the order-r subgroup.
// Both are `false` here. Inputs that are not numbers at all throw ProofInvalidError, like
// verifyGroth16. See docs/zk.md.
import { InvalidInputError, ProofInvalidError } from '../errors/index.ts';
import { type Bn128, type Bytes, loadVerifierCurve, millerLoopProduct } from './bn128.ts';
import { buildFixedBaseTable, type FixedBaseTable, fixedBaseMultiExp } from './fixedBaseTable.ts';
import type { Groth16Proof, VerificationKey } from './groth16.ts';
import { inG2Subgroup } from './inG2Subgroup.ts';
import { type ParsedProof, parseG1, parseG2, parseProof, parseSignals } from './parseGroth16Input.ts';

export type PreparedVerifier = {
  /** Number of public signals the key expects. */
  nPublic: number;
  /** Same answer as verifyGroth16 (see the file comment for the two stricter cases). */
  verify(proof: Groth16Proof | unknown, publicSignals: readonly string[] | unknown): Promise<boolean>;
};

/** The prepared key, shared with verifyBatch. */
export type PreparedKey = {
  curve: Bn128;
  nPublic: number;
  /** IC[0..n] with precomputed multiples: Σ sⱼ·ICⱼ in one small multiexp. */
  icTable: FixedBaseTable;
  alpha: Bytes;
  preparedBeta: Bytes;
  preparedGamma: Bytes;
  preparedDelta: Bytes;
  /** e(α, β) after the final exponentiation. */
  alphaBeta: Bytes;
};

/** A proof that passed parsing and the point checks, as curve buffers. */
export type CheckedProof = { a: Bytes; b: Bytes; c: Bytes; signals: bigint[]; preparedB?: Bytes };

/**
 * @example
 * const verifier = await prepareVerifier(verificationKey);
 * if (await verifier.verify(proof, publicSignals)) ...
 */
export async function prepareVerifier(verificationKey: VerificationKey): Promise<PreparedVerifier> {
  const key = await prepareKey(verificationKey);
  return {
    nPublic: key.nPublic,
    async verify(proof, publicSignals) {
      const checked = checkProof(key, proof, publicSignals);
      return checked !== false && pairingHolds(key, checked);
    },
  };
}

const preparedKeys = new WeakMap<object, Promise<PreparedKey>>();

/** Prepared once per key object: callers may pass the same vkey on every call. */
export function prepareKey(verificationKey: VerificationKey): Promise<PreparedKey> {
  let prepared = preparedKeys.get(verificationKey);
  if (!prepared) {
    prepared = buildKey(verificationKey);
    preparedKeys.set(verificationKey, prepared);
    prepared.catch(() => preparedKeys.delete(verificationKey));
  }
  return prepared;
}

async function buildKey(verificationKey: VerificationKey): Promise<PreparedKey> {
  const vk = verificationKey as Record<string, unknown>;
  if (vk.protocol !== 'groth16' || !['bn128', 'bn254', 'altbn128'].includes(String(vk.curve).toLowerCase())) {
    throw new InvalidInputError('Only Groth16 keys on bn128 can be prepared.', {
      field: 'verificationKey',
      details: [`protocol ${String(vk.protocol)}, curve ${String(vk.curve)}`],
    });
  }
  const curve = await loadVerifierCurve();
  let parsed: { ic: bigint[][]; alpha: bigint[]; beta: bigint[][]; gamma: bigint[][]; delta: bigint[][] };
  try {
    if (!Array.isArray(vk.IC)) throw new TypeError('IC is not a list');
    parsed = {
      ic: vk.IC.map((point, index) => parseG1(point, `IC[${index}]`)),
      alpha: parseG1(vk.vk_alpha_1, 'vk_alpha_1'),
      beta: parseG2(vk.vk_beta_2, 'vk_beta_2'),
      gamma: parseG2(vk.vk_gamma_2, 'vk_gamma_2'),
      delta: parseG2(vk.vk_delta_2, 'vk_delta_2'),
    };
  } catch (cause) {
    throw new InvalidInputError('The verification key is malformed.', { field: 'verificationKey', cause });
  }
  const nPublic = parsed.ic.length - 1;
  if (nPublic < 1 || (typeof vk.nPublic === 'number' && vk.nPublic !== nPublic)) {
    throw new InvalidInputError('The verification key has no public inputs or a wrong IC list.', {
      field: 'verificationKey.IC',
    });
  }
  const { G1, G2 } = curve;
  const alpha = G1.fromObject(parsed.alpha);
  const preparedBeta = curve.prepareG2(G2.toJacobian(G2.fromObject(parsed.beta)));
  return {
    curve,
    nPublic,
    icTable: buildFixedBaseTable(
      curve,
      parsed.ic.map((point) => G1.fromObject(point)),
    ),
    alpha,
    preparedBeta,
    preparedGamma: curve.prepareG2(G2.toJacobian(G2.fromObject(parsed.gamma))),
    preparedDelta: curve.prepareG2(G2.toJacobian(G2.fromObject(parsed.delta))),
    alphaBeta: curve.finalExponentiation(curve.millerLoop(curve.prepareG1(G1.toJacobian(alpha)), preparedBeta)),
  };
}

/**
 * Everything before the pairing, in snarkjs' order (signal range, count, proof parsing, point
 * checks) so both report the same kind of failure. `false` = rejected without a pairing.
 */
export function checkProof(key: PreparedKey, proof: unknown, publicSignals: unknown): CheckedProof | false {
  const signals = parseSignals(publicSignals);
  const { curve } = key;
  if (signals.some((value) => value < 0n || value >= curve.r)) return false;
  if (signals.length > key.nPublic) {
    // snarkjs throws here (it reads an IC point that does not exist).
    throw new ProofInvalidError('The proof has more public signals than the verification key.', {
      field: 'publicSignals',
      details: [`Expected ${key.nPublic}`, `Got ${signals.length}`],
    });
  }
  const parsed: ParsedProof = parseProof(proof);
  // A shorter list verifies against a prefix of IC in snarkjs and then fails the pairing.
  if (signals.length < key.nPublic) return false;
  if (!canonical(parsed, curve.q)) return false;
  const a = curve.G1.fromObject(parsed.a);
  const b = curve.G2.fromObject(parsed.b);
  const c = curve.G1.fromObject(parsed.c);
  if (!curve.G1.isValid(a) || !curve.G2.isValid(b) || !curve.G1.isValid(c)) return false;
  if (!inG2Subgroup(curve, b)) return false;
  return { a, b, c, signals };
}

/** e(A,B) = e(α,β)·e(L,γ)·e(C,δ), as FE(ML(A,B)·ML(−L,γ)·ML(−C,δ)) = e(α,β). */
export function pairingHolds(key: PreparedKey, proof: CheckedProof): boolean {
  const { curve } = key;
  const { G1 } = curve;
  const linear = fixedBaseMultiExp(curve, key.icTable, [1n, ...proof.signals]);
  const product = millerLoopProduct(curve, [
    { g1: G1.toJacobian(proof.a), preparedG2: preparedB(key, proof) },
    { g1: G1.neg(linear), preparedG2: key.preparedGamma },
    { g1: G1.toJacobian(G1.neg(proof.c)), preparedG2: key.preparedDelta },
  ]);
  return curve.Gt.eq(curve.finalExponentiation(product), key.alphaBeta);
}

/** B's Miller-loop lines (≈ 0.4 ms), kept so a batch that falls back to bisection pays once. */
export function preparedB(key: PreparedKey, proof: CheckedProof): Bytes {
  proof.preparedB ??= key.curve.prepareG2(key.curve.G2.toJacobian(proof.b));
  return proof.preparedB;
}

function canonical(proof: ParsedProof, q: bigint): boolean {
  const coordinates = [...proof.a, ...proof.b.flat(), ...proof.c];
  return coordinates.every((value) => value < q);
}
