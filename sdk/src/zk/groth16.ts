// Groth16 proving and verification with snarkjs. Artifacts are paths (Node) or bytes (browser).

import type { Groth16Proof } from 'snarkjs';
import * as snarkjs from 'snarkjs';
import { ProofInvalidError } from '../errors/index.ts';

export type { Groth16Proof };
export type ProvingArtifacts = { wasm: string | Uint8Array; zkey: string | Uint8Array };
export type VerificationKey = Record<string, unknown>;

export async function proveGroth16(
  input: Record<string, unknown>,
  artifacts: ProvingArtifacts,
): Promise<{ proof: Groth16Proof; publicSignals: string[] }> {
  const wasm = typeof artifacts.wasm === 'string' ? artifacts.wasm : { type: 'mem' as const, data: artifacts.wasm };
  const zkey = typeof artifacts.zkey === 'string' ? artifacts.zkey : { type: 'mem' as const, data: artifacts.zkey };
  return snarkjs.groth16.fullProve(input, wasm, zkey);
}

/** True when the proof verifies; malformed proofs are false, never a throw from deep inside. */
export async function verifyGroth16(
  verificationKey: VerificationKey,
  proof: Groth16Proof,
  publicSignals: readonly string[],
): Promise<boolean> {
  try {
    return await snarkjs.groth16.verify(verificationKey, publicSignals, proof);
  } catch (cause) {
    throw new ProofInvalidError('The proof could not be parsed.', { field: 'proof', cause });
  }
}

/**
 * snarkjs keeps a pool of worker threads for its curve; without this the process never exits.
 * Safe to call any time: the next proof rebuilds the curve.
 */
export async function releaseProverThreads(): Promise<void> {
  const global = globalThis as { curve_bn128?: { terminate(): Promise<void> } };
  const curve = global.curve_bn128;
  if (curve) {
    global.curve_bn128 = undefined;
    await curve.terminate();
  }
}
