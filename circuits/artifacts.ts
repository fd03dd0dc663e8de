// Paths, ceremony parameters and the compile step shared by the build script, the key check and
// the SDK. One place, so the build and the check cannot drift apart.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const circuitsDir = dirname(fileURLToPath(import.meta.url));
export const rootDir = dirname(circuitsDir);

export const CIRCUIT_NAME = 'credential';
/** 2^13 = 8,192 constraints; the credential circuit has 6,729. */
export const PTAU_POWER = 13;
/**
 * Development ceremony: every contribution is a public beacon, so the toxic waste is known and
 * the keys are only fit for development. It makes the build byte-for-byte reproducible.
 * docs/ceremony.md explains the multi-party ceremony for production.
 */
export const DEV_BEACON = {
  hash: '0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20',
  iterationsExp: 10,
  name: 'DeCDP development beacon (not secret, not for production)',
} as const;

export const paths = {
  source: join(circuitsDir, 'src', `${CIRCUIT_NAME}.circom`),
  buildDir: join(circuitsDir, 'build'),
  tmpDir: join(circuitsDir, 'build', 'tmp'),
  r1cs: join(circuitsDir, 'build', `${CIRCUIT_NAME}.r1cs`),
  wasm: join(circuitsDir, 'build', `${CIRCUIT_NAME}.wasm`),
  zkey: join(circuitsDir, 'build', `${CIRCUIT_NAME}.zkey`),
  verificationKey: join(circuitsDir, 'build', `${CIRCUIT_NAME}.vkey.json`),
  ptau: join(circuitsDir, 'build', `pot${PTAU_POWER}_final.ptau`),
  checksums: join(circuitsDir, 'checksums.json'),
  solidityVerifier: join(rootDir, 'contracts', 'src', 'Groth16Verifier.sol'),
} as const;

/** The files whose SHA-256 is committed in checksums.json, keyed by a stable name. */
export const checksummed = {
  source: paths.source,
  r1cs: paths.r1cs,
  wasm: paths.wasm,
  zkey: paths.zkey,
  verificationKey: paths.verificationKey,
  ptau: paths.ptau,
  solidityVerifier: paths.solidityVerifier,
} as const;

export type ChecksumName = keyof typeof checksummed;

export async function sha256File(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/**
 * Compiles the circuit with circom 2 (wasm build from npm) into `outDir`; returns the r1cs and wasm
 * paths, and the symbol file (signal names by wire) when `symbols` is set.
 */
export async function compileCircuit(
  outDir: string,
  options: { symbols?: boolean } = {},
): Promise<{ r1cs: string; wasm: string; symbols: string }> {
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve('circom2/package.json')), 'cli.js');
  const args = [cli, paths.source, '--r1cs', '--wasm', ...(options.symbols ? ['--sym'] : []), '--O2'];
  args.push('-l', join(rootDir, 'node_modules'), '-o', outDir);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`circom failed (exit ${code}):\n${output}`)),
    );
  });
  return {
    r1cs: join(outDir, `${CIRCUIT_NAME}.r1cs`),
    wasm: join(outDir, `${CIRCUIT_NAME}_js`, `${CIRCUIT_NAME}.wasm`),
    symbols: join(outDir, `${CIRCUIT_NAME}.sym`),
  };
}
