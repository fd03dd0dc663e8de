// Ways to break a valid proof, for the differential tests: every case runs through snarkjs and
// through our verifiers, and the answers must match (or differ only where docs/zk.md says).
import type { Bn128 } from '../zk/bn128.ts';
import type { TestProof } from './makeTestProofs.ts';

export type Tampered = {
  name: string;
  proof: unknown;
  publicSignals: unknown;
  /** Set where we are deliberately stricter than snarkjs: our expected answer. */
  stricter?: 'false' | 'throw';
};

const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
const Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;

export function tamperProof(valid: TestProof, other: TestProof, curve: Bn128): Tampered[] {
  const { proof, publicSignals: signals } = valid;
  const cases: Tampered[] = [{ name: 'valid', proof, publicSignals: signals }];
  const withSignals = (name: string, publicSignals: unknown) => cases.push({ name, proof, publicSignals });
  const withProof = (name: string, changes: Record<string, unknown>, stricter?: Tampered['stricter']) =>
    cases.push({ name, proof: { ...proof, ...changes }, publicSignals: signals, ...(stricter ? { stricter } : {}) });
  const set = (index: number, value: string) => signals.map((signal, at) => (at === index ? value : signal));

  for (const [index, signal] of signals.entries()) {
    withSignals(
      `signal ${index} + 1`,
      set(index, (BigInt(signal) + 1n) % R === 0n ? '1' : String(BigInt(signal) + 1n)),
    );
    withSignals(`signal ${index} + r (same residue, ≥ modulus)`, set(index, String(BigInt(signal) + R)));
    withSignals(`signal ${index} = r`, set(index, String(R)));
    withSignals(`signal ${index} = 0x hex of itself`, set(index, `0x${BigInt(signal).toString(16)}`));
    if (index + 1 < signals.length) {
      const swapped = [...signals];
      [swapped[index], swapped[index + 1]] = [signals[index + 1] as string, signal];
      withSignals(`signals ${index} and ${index + 1} swapped`, swapped);
    }
  }
  withSignals('signals of another proof', other.publicSignals);
  withSignals('one signal missing', signals.slice(0, -1));
  withSignals('one signal too many', [...signals, '1']);
  withSignals('one signal too many, out of range', [...signals, String(R)]);
  withSignals('no signals', []);
  withSignals('signal not a number', set(0, 'twelve'));
  withSignals('signals not a list', 'nope');

  const [ax, ay] = proof.pi_a.map(BigInt) as [bigint, bigint];
  const [cx, cy] = proof.pi_c.map(BigInt) as [bigint, bigint];
  const b = proof.pi_b.map((pair) => pair.map(BigInt)) as [[bigint, bigint], [bigint, bigint]];
  const str = (values: bigint[]) => values.map(String);
  withProof('A and C swapped', { pi_a: proof.pi_c, pi_c: proof.pi_a });
  withProof('A negated', { pi_a: str([ax, Q - ay, 1n]) });
  withProof('C negated', { pi_c: str([cx, Q - cy, 1n]) });
  withProof('A of another proof', { pi_a: other.proof.pi_a });
  withProof('B of another proof', { pi_b: other.proof.pi_b });
  withProof('C of another proof', { pi_c: other.proof.pi_c });
  withProof('A not on the curve', { pi_a: str([ax, ay + 1n, 1n]) });
  withProof('C not on the curve', { pi_c: str([cx, (cy + 1n) % Q, 1n]) });
  withProof('B not on the curve', { pi_b: [str(b[0]), str([b[1][0] + 1n, b[1][1]]), ['1', '0']] });
  withProof('B coordinates swapped (c0 ↔ c1)', {
    pi_b: [str([b[0][1], b[0][0]]), str([b[1][1], b[1][0]]), ['1', '0']],
  });
  withProof('B x ↔ y', { pi_b: [proof.pi_b[1], proof.pi_b[0], ['1', '0']] });
  withProof('A at infinity', { pi_a: ['0', '1', '0'] });
  withProof('C at infinity', { pi_c: ['0', '1', '0'] });
  withProof('B at infinity', {
    pi_b: [
      ['0', '0'],
      ['1', '0'],
      ['0', '0'],
    ],
  });
  withProof('A = generator', { pi_a: ['1', '2', '1'] });
  withProof('A in projective form (z = 2)', { pi_a: str([(ax * 4n) % Q, (ay * 8n) % Q, 2n]) });
  withProof('A without z', { pi_a: str([ax, ay]) });
  withProof('A x + q (non-canonical)', { pi_a: str([ax + Q, ay, 1n]) }, 'false');
  withProof('B outside the subgroup', { pi_b: nonSubgroupG2(curve) });
  withProof('A with a word', { pi_a: ['abc', String(ay), '1'] }, 'throw');
  withProof('A as numbers', { pi_a: [1, 2, 1] }, 'throw');
  withProof('A missing', { pi_a: undefined });
  withProof('A too short', { pi_a: [String(ax)] });
  withProof('B flat', { pi_b: str([ax, ay, 1n]) });
  cases.push({ name: 'proof null', proof: null, publicSignals: signals });
  cases.push({ name: 'proof of another statement', proof: other.proof, publicSignals: signals });
  return cases;
}

/** A point on the twist E'(Fp²) that is not in the order-r subgroup (no cofactor clearing). */
export function nonSubgroupG2(curve: Bn128): string[][] {
  const F2 = (curve as unknown as { F2: F2Ops }).F2;
  const b = (curve.G2 as unknown as { b: Uint8Array }).b;
  for (let x = 1n; ; x++) {
    const fx = F2.fromObject([x, 1n]);
    const rhs = F2.add(F2.mul(F2.square(fx), fx), b);
    if (!F2.isSquare(rhs)) continue;
    const point = new Uint8Array(128);
    point.set(fx, 0);
    point.set(F2.sqrt(rhs), 64);
    const [px, py] = curve.G2.toObject(point) as bigint[][];
    return [(px as bigint[]).map(String), (py as bigint[]).map(String), ['1', '0']];
  }
}

type F2Ops = {
  fromObject(value: bigint[]): Uint8Array;
  add(a: Uint8Array, b: Uint8Array): Uint8Array;
  mul(a: Uint8Array, b: Uint8Array): Uint8Array;
  square(a: Uint8Array): Uint8Array;
  isSquare(a: Uint8Array): boolean;
  sqrt(a: Uint8Array): Uint8Array;
};
