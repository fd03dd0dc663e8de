// Verifies many Groth16 proofs of one key at once with a random linear combination: for random
// 128-bit rᵢ, all proofs are valid (up to 2^-128) iff
//   Πᵢ e(rᵢAᵢ, Bᵢ) · e(−Σrᵢ·Lᵢ, γ) · e(−Σrᵢ·Cᵢ, δ) · e(−(Σrᵢ)·α, β) = 1,
// where Σrᵢ·Lᵢ folds into one multiexp over the IC points (scalars Σᵢ rᵢ·sᵢⱼ). That is one
// Miller loop per proof plus three shared ones, all in one multi-Miller loop (millerLoopProduct),
// and a single final exponentiation, instead of three Miller loops and a final exponentiation per
// proof.
//
// A failing batch is split in halves until the culprits are single proofs, which get the exact
// single check, so each answer equals prepareVerifier's `verify` (unreadable input is `false`
// here where `verify` throws ProofInvalidError).
import type { Bytes } from './bn128.ts';
import { millerLoopProduct, multiExpG1 } from './bn128.ts';
import { fixedBaseMultiExp } from './fixedBaseTable.ts';
import type { VerificationKey } from './groth16.ts';
import {
  type CheckedProof,
  checkProof,
  type PreparedKey,
  pairingHolds,
  preparedB,
  prepareKey,
} from './prepareVerifier.ts';

/** Untrusted: a Groth16Proof and its public signals as snarkjs writes them. */
export type BatchItem = { proof: unknown; publicSignals: unknown };

export type VerifyBatchOptions = {
  /** Source of the rᵢ; the default draws 128 bits from crypto.getRandomValues. Tests only. */
  random?: () => bigint;
};

/**
 * @example
 * const results = await verifyBatch(verificationKey, bundles.map(({ proof, publicSignals }) => ({ proof, publicSignals })));
 * // results[i] === await verifyGroth16(verificationKey, proof_i, signals_i)
 */
export async function verifyBatch(
  verificationKey: VerificationKey,
  items: readonly BatchItem[],
  options: VerifyBatchOptions = {},
): Promise<boolean[]> {
  const key = await prepareKey(verificationKey);
  const random = options.random ?? random128;
  const results = items.map(() => false);
  const checked: { index: number; proof: CheckedProof }[] = [];
  for (const [index, item] of items.entries()) {
    try {
      const proof = checkProof(key, item.proof, item.publicSignals);
      if (proof) checked.push({ index, proof });
    } catch {
      // Unreadable proof: false, as documented above.
    }
  }
  const settle = (group: typeof checked): void => {
    if (group.length === 0) return;
    if (group.length === 1) {
      const only = group[0] as (typeof checked)[number];
      results[only.index] = pairingHolds(key, only.proof);
      return;
    }
    if (
      batchHolds(
        key,
        group.map((entry) => entry.proof),
        random,
      )
    ) {
      for (const entry of group) results[entry.index] = true;
      return;
    }
    const half = Math.ceil(group.length / 2);
    settle(group.slice(0, half));
    settle(group.slice(half));
  };
  settle(checked);
  return results;
}

export function batchHolds(key: PreparedKey, proofs: readonly CheckedProof[], random: () => bigint): boolean {
  const { curve } = key;
  const { G1, Gt } = curve;
  const r = curve.r;
  const weights = proofs.map(() => random());
  const sums = new Array<bigint>(key.nPublic + 1).fill(0n);
  const pairs: { g1: Bytes; preparedG2: Bytes }[] = [];
  const cPoints = new Uint8Array(64 * proofs.length);
  const cWeights = new Uint8Array(16 * proofs.length);
  for (const [index, proof] of proofs.entries()) {
    const weight = weights[index] as bigint;
    sums[0] = (sums[0] as bigint) + weight;
    for (const [signal, value] of proof.signals.entries())
      sums[signal + 1] = (sums[signal + 1] as bigint) + weight * value;
    const weightedA = G1.timesScalar(proof.a, weight);
    pairs.push({ g1: G1.toJacobian(weightedA), preparedG2: preparedB(key, proof) });
    cPoints.set(G1.toAffine(proof.c), 64 * index);
    writeLittleEndian(cWeights, 16 * index, weight, 16);
  }
  const linear = fixedBaseMultiExp(
    curve,
    key.icTable,
    sums.map((sum) => sum % r),
  );
  const cSum = multiExpG1(curve, cPoints, cWeights, proofs.length, 16);
  const alphaSum = G1.timesScalar(key.alpha, (sums[0] as bigint) % r);
  pairs.push(
    { g1: G1.neg(linear), preparedG2: key.preparedGamma },
    { g1: G1.neg(cSum), preparedG2: key.preparedDelta },
    { g1: G1.toJacobian(G1.neg(alphaSum)), preparedG2: key.preparedBeta },
  );
  return Gt.eq(curve.finalExponentiation(millerLoopProduct(curve, pairs)), Gt.one);
}

function random128(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  // rᵢ = 0 would drop proof i from the check.
  return value === 0n ? 1n : value;
}

function writeLittleEndian(target: Bytes, offset: number, value: bigint, size: number): void {
  let rest = value;
  for (let byte = 0; byte < size; byte++) {
    target[offset + byte] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}
