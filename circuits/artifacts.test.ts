// The committed Groth16 artifacts belong to this circuit: a recompile gives the committed r1cs,
// every file matches checksums.json, and snarkjs re-derives the zkey from r1cs + ptau.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as snarkjs from 'snarkjs';
import { afterAll, describe, expect, it } from 'vitest';
import { releaseProverThreads } from '../sdk/src/zk/groth16.ts';
import { type ChecksumName, checksummed, compileCircuit, paths, sha256File } from './artifacts.ts';

const committed = JSON.parse(await readFile(paths.checksums, 'utf8')) as {
  constraints: number;
  sha256: Record<ChecksumName, string>;
};
const silent = { debug() {}, info() {}, warn() {}, error() {} };

afterAll(releaseProverThreads);

describe('committed circuit artifacts', () => {
  it.each(Object.entries(checksummed))('%s matches checksums.json', async (name, file) => {
    expect(await sha256File(file)).toBe(committed.sha256[name as ChecksumName]);
  });

  it('recompiling the circuit gives the committed r1cs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'decdp-circuit-'));
    try {
      const compiled = await compileCircuit(dir);
      expect(await sha256File(compiled.r1cs)).toBe(committed.sha256.r1cs);
      expect((await snarkjs.r1cs.info(compiled.r1cs, silent)).nConstraints).toBe(committed.constraints);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // Recomputes the whole setup from the r1cs and the powers of tau: ≈ 20 s of CPU alone, over a
  // minute when the browser project shares the two cores (npm test runs both at once).
  it('the zkey is a valid setup of the r1cs over the committed powers of tau', { timeout: 240_000 }, async () => {
    expect(await snarkjs.zKey.verifyFromR1cs(paths.r1cs, paths.ptau, paths.zkey, silent)).toBe(true);
  });

  it('the verification key is the one inside the zkey', async () => {
    const fromZkey = await snarkjs.zKey.exportVerificationKey(paths.zkey, silent);
    expect(fromZkey).toEqual(JSON.parse(await readFile(paths.verificationKey, 'utf8')));
  });
});
