// The numbers of a Groth16 verification key as the generated verifier (scripts/generate-verifier.ts)
// declares them: one constant each, G2 coordinates in the order the pairing precompile takes them
// (x imaginary, x real, y imaginary, y real). The generator writes them and the auditor
// (checkDeployedKey) looks for them in deployed code: one list for both.
import type { VerificationKey } from '../zk/groth16.ts';

export type VerifierKeyConstant = { name: string; value: bigint };

/** ALPHA_X, ALPHA_Y, BETA_X_IM … DELTA_Y_RE, IC0_X, IC0_Y … in declaration order. */
export function verifierKeyConstants(verificationKey: VerificationKey): VerifierKeyConstant[] {
  const key = verificationKey as {
    vk_alpha_1: string[];
    vk_beta_2: string[][];
    vk_gamma_2: string[][];
    vk_delta_2: string[][];
    IC: string[][];
  };
  const g2 = (name: string, point: string[][]) => [
    { name: `${name}_X_IM`, value: BigInt(point[0]?.[1] ?? 0) },
    { name: `${name}_X_RE`, value: BigInt(point[0]?.[0] ?? 0) },
    { name: `${name}_Y_IM`, value: BigInt(point[1]?.[1] ?? 0) },
    { name: `${name}_Y_RE`, value: BigInt(point[1]?.[0] ?? 0) },
  ];
  return [
    { name: 'ALPHA_X', value: BigInt(key.vk_alpha_1[0] ?? 0) },
    { name: 'ALPHA_Y', value: BigInt(key.vk_alpha_1[1] ?? 0) },
    ...g2('BETA', key.vk_beta_2),
    ...g2('GAMMA', key.vk_gamma_2),
    ...g2('DELTA', key.vk_delta_2),
    ...key.IC.flatMap((point, index) => [
      { name: `IC${index}_X`, value: BigInt(point[0] ?? 0) },
      { name: `IC${index}_Y`, value: BigInt(point[1] ?? 0) },
    ]),
  ];
}
