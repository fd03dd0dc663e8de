import type { Groth16Proof } from '../zk/groth16.ts';

export type SolidityProof = {
  a: [string, string];
  b: [[string, string], [string, string]];
  c: [string, string];
};

/** snarkjs' proof as the exported Solidity verifier takes it (G2 coordinates swapped). */
export function toSolidityProof(proof: Pick<Groth16Proof, 'pi_a' | 'pi_b' | 'pi_c'>): SolidityProof {
  const at = (values: string[] | undefined, index: number) => values?.[index] ?? '0';
  return {
    a: [at(proof.pi_a, 0), at(proof.pi_a, 1)],
    b: [
      [at(proof.pi_b[0], 1), at(proof.pi_b[0], 0)],
      [at(proof.pi_b[1], 1), at(proof.pi_b[1], 0)],
    ],
    c: [at(proof.pi_c, 0), at(proof.pi_c, 1)],
  };
}
