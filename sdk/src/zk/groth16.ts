// Groth16 proving and verification with snarkjs. Artifacts are paths (Node) or bytes (browser).

import { type WitnessCalculator, WitnessCalculatorBuilder } from 'circom_runtime';
import * as snarkjs from 'snarkjs';
import { ProofInvalidError } from '../errors/index.ts';

/** A Groth16 proof as snarkjs writes it (spelled here so the published types need no snarkjs types). */
export type Groth16Proof = {
  pi_a: string[];
  pi_b: string[][];
  pi_c: string[];
  protocol: string;
  curve: string;
};
export type ProvingArtifacts = { wasm: string | Uint8Array; zkey: string | Uint8Array };
export type VerificationKey = Record<string, unknown>;

/**
 * With artifacts as bytes (loadNodeArtifacts, loadBrowserArtifacts) the circuit's witness
 * calculator is compiled once and kept warm: snarkjs' fullProve compiles the 3.4 MB wasm on
 * every proof (≈ 150 ms of a ≈ 180 ms witness; warm ≈ 27 ms). Paths still go through fullProve.
 */
export async function proveGroth16(
  input: Record<string, unknown>,
  artifacts: ProvingArtifacts,
): Promise<{ proof: Groth16Proof; publicSignals: string[] }> {
  if (typeof artifacts.wasm === 'string' || typeof artifacts.zkey === 'string') {
    const wasm = typeof artifacts.wasm === 'string' ? artifacts.wasm : { type: 'mem' as const, data: artifacts.wasm };
    const zkey = typeof artifacts.zkey === 'string' ? artifacts.zkey : { type: 'mem' as const, data: artifacts.zkey };
    return snarkjs.groth16.fullProve(input, wasm, zkey);
  }
  const witness = await calculateWitness(input, artifacts.wasm);
  return groth16Prove({ type: 'mem', data: artifacts.zkey }, { type: 'mem', data: witness });
}

type ProveFromWitness = (
  zkey: { type: 'mem'; data: Uint8Array },
  witness: { type: 'mem'; data: Uint8Array },
) => Promise<{ proof: Groth16Proof; publicSignals: string[] }>;
const groth16Prove = (snarkjs.groth16 as unknown as { prove: ProveFromWitness }).prove;

type CalculatorEntry = { calculator: Promise<WitnessCalculator>; queue: Promise<unknown> };
const calculators = new WeakMap<Uint8Array, CalculatorEntry>();

function calculatorFor(wasm: Uint8Array): CalculatorEntry {
  let entry = calculators.get(wasm);
  if (!entry) {
    entry = { calculator: WitnessCalculatorBuilder(wasm), queue: Promise.resolve() };
    calculators.set(wasm, entry);
  }
  return entry;
}

/**
 * Pays ahead for what the first proof of a session would: snarkjs' curve with its worker threads
 * (≈ 170 ms on 2 cores; it is the instance `groth16.prove` picks up) and, for artifacts as bytes,
 * the circuit's witness calculator (≈ 110 ms). Call it while the person reads the request:
 * measured in Node on 2 cores, the first proof went from 977 to 747 ms (medians of 6 fresh
 * processes; later proofs ≈ 670 ms). Idempotent and cheap once done; the threads it starts are
 * released by `releaseProverThreads()` like those of a proof.
 */
export async function warmUpProver(artifacts: ProvingArtifacts): Promise<void> {
  await snarkjs.curves.getCurveFromName('bn128');
  if (typeof artifacts.wasm !== 'string') await calculatorFor(artifacts.wasm).calculator;
}

/** The witness (.wtns bytes) for `input`; one warm calculator per circuit wasm. */
export async function calculateWitness(input: Record<string, unknown>, wasm: Uint8Array): Promise<Uint8Array> {
  const entry = calculatorFor(wasm);
  const { calculator } = entry;
  // One calculation at a time: the calculator's wasm memory holds a single witness, and its
  // async API yields between computing and reading it out.
  const run = entry.queue.then(async () =>
    (await calculator).calculateWTNSBin(toBigInts(input) as Record<string, unknown>),
  );
  entry.queue = run.catch(() => undefined);
  return run;
}

// fullProve accepts decimal strings; the calculator wants numbers or bigints.
function toBigInts(value: unknown): unknown {
  if (typeof value === 'string' && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value)) return BigInt(value);
  if (Array.isArray(value)) return value.map(toBigInts);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, toBigInts(entry)]));
  }
  return value;
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
