import { afterAll, describe, expect, it } from 'vitest';
import { makeTestCircuitInput } from '../testing/makeTestProofs.ts';
import { proveGroth16, releaseProverThreads, verifyGroth16, warmUpProver } from './groth16.ts';
import { loadNodeArtifacts } from './loadNodeArtifacts.ts';

afterAll(releaseProverThreads);

const sharedCurve = () => (globalThis as { curve_bn128?: { name: string; r: bigint; q: bigint } }).curve_bn128;
// BN254 (snarkjs' "bn128"): the scalar field the circuit works in and the base field of its points.
const BN254 = {
  name: 'bn128',
  r: 21888242871839275222246405745257275088548364400416034343698204186575808495617n,
  q: 21888242871839275222246405745257275088696311157297823662689037894645226208583n,
};

describe('warmUpProver', () => {
  it('builds the curve the next proof uses, once, and the proof still verifies', async () => {
    await releaseProverThreads();
    expect(sharedCurve()).toBeFalsy();
    const artifacts = await loadNodeArtifacts();
    await warmUpProver(artifacts);
    const curve = sharedCurve();
    expect(curve).toMatchObject(BN254);
    await warmUpProver(artifacts); // idempotent: no second curve, no second set of threads
    expect(sharedCurve()).toBe(curve);

    const { proof, publicSignals } = await proveGroth16(await makeTestCircuitInput(), artifacts);
    expect(sharedCurve()).toBe(curve); // the proof ran on the warmed curve
    expect(await verifyGroth16(artifacts.verificationKey, proof, publicSignals)).toBe(true);
  });

  it('releaseProverThreads undoes it, and warming again works', async () => {
    const artifacts = await loadNodeArtifacts();
    await warmUpProver(artifacts);
    await releaseProverThreads();
    expect(sharedCurve()).toBeFalsy();
    await warmUpProver(artifacts);
    expect(sharedCurve()).toMatchObject(BN254);
  });

  it('accepts artifacts given as paths (curve only: fullProve compiles the wasm itself)', async () => {
    await expect(warmUpProver({ wasm: 'unused.wasm', zkey: 'unused.zkey' })).resolves.toBeUndefined();
    expect(sharedCurve()).toMatchObject(BN254);
  });
});
