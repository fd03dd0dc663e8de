// Poseidon over BN254, the same permutation as circomlib's circuits (circomlibjs).
import { buildPoseidon, type Poseidon } from 'circomlibjs';

let poseidonPromise: Promise<Poseidon> | undefined;

/** Loads the hasher once (wasm); later calls reuse it. */
export async function getPoseidon(): Promise<(inputs: readonly bigint[]) => bigint> {
  poseidonPromise ??= buildPoseidon();
  const poseidon = await poseidonPromise;
  return (inputs) => poseidon.F.toObject(poseidon(inputs));
}

export async function poseidonHash(inputs: readonly bigint[]): Promise<bigint> {
  return (await getPoseidon())(inputs);
}
