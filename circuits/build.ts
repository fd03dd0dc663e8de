// Rebuilds the committed Groth16 artifacts: compile, development ceremony (beacons only, so the
// output is reproducible), verification key, Solidity verifier, checksums. Takes ~3 minutes on
// 2 cores; prints each step. Usage: npm run build:circuits [-- --fresh]
// The prepared powers of tau does not depend on the circuit: when circuits/build/ holds one whose
// SHA-256 is the committed one, phase 1 (≈ 2.5 of the 3 minutes) is skipped; --fresh redoes it.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import * as snarkjs from 'snarkjs';
import {
  CIRCUIT_NAME,
  checksummed,
  compileCircuit,
  DEV_BEACON,
  PTAU_POWER,
  paths,
  rootDir,
  sha256File,
} from './artifacts.ts';

const started = Date.now();
let step = 0;
const STEPS = 8;
function progress(message: string): void {
  step += 1;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[${step}/${STEPS}] ${message} (t=${seconds}s)`);
}
// snarkjs reports long loops through a logger; keep its info lines as progress, drop debug.
const logger = {
  debug: () => {},
  info: (message: string) => console.log(`      ${message}`),
  warn: (message: string) => console.warn(`      warning: ${message}`),
  error: (message: string) => console.error(`      error: ${message}`),
};

await rm(paths.tmpDir, { recursive: true, force: true });
await mkdir(paths.tmpDir, { recursive: true });

async function committedPtauPresent(): Promise<boolean> {
  if (process.argv.includes('--fresh')) return false;
  try {
    const committed = JSON.parse(await readFile(paths.checksums, 'utf8')) as { sha256?: { ptau?: string } };
    return committed.sha256?.ptau !== undefined && (await sha256File(paths.ptau)) === committed.sha256.ptau;
  } catch {
    return false;
  }
}
const reusePtau = await committedPtauPresent();

progress(`compile ${relative(rootDir, paths.source)} with circom --O2`);
const compiled = await compileCircuit(paths.tmpDir);
await copyFile(compiled.r1cs, paths.r1cs);
await copyFile(compiled.wasm, paths.wasm);
const info = await snarkjs.r1cs.info(paths.r1cs);
console.log(`      ${info.nConstraints} constraints, ${info.nPubInputs} public inputs, ${info.nOutputs} outputs`);

const ptau0 = join(paths.tmpDir, 'pot_0000.ptau');
const ptauBeacon = join(paths.tmpDir, 'pot_beacon.ptau');
const curve = await snarkjs.curves.getCurveFromName('bn128');
try {
  if (reusePtau) {
    progress(`powers of tau: reusing ${relative(rootDir, paths.ptau)} (matches checksums.json; --fresh redoes it)`);
    progress('powers of tau: beacon contribution (skipped)');
    progress('powers of tau: prepare phase 2 (skipped)');
  } else {
    progress(`powers of tau: new accumulator, 2^${PTAU_POWER}`);
    await snarkjs.powersOfTau.newAccumulator(curve, PTAU_POWER, ptau0, logger);
    progress('powers of tau: beacon contribution');
    await snarkjs.powersOfTau.beacon(
      ptau0,
      ptauBeacon,
      DEV_BEACON.name,
      DEV_BEACON.hash,
      DEV_BEACON.iterationsExp,
      logger,
    );
    progress('powers of tau: prepare phase 2 (the slow step, ~2.5 min)');
    await snarkjs.powersOfTau.preparePhase2(ptauBeacon, paths.ptau, logger);
  }

  const zkey0 = join(paths.tmpDir, `${CIRCUIT_NAME}_0000.zkey`);
  progress('groth16 setup');
  await snarkjs.zKey.newZKey(paths.r1cs, paths.ptau, zkey0, logger);
  progress('phase 2: beacon contribution');
  await snarkjs.zKey.beacon(zkey0, paths.zkey, DEV_BEACON.name, DEV_BEACON.hash, DEV_BEACON.iterationsExp, logger);

  progress('export verification key and Solidity verifier');
  const vkey = await snarkjs.zKey.exportVerificationKey(paths.zkey, logger);
  await writeFile(paths.verificationKey, `${JSON.stringify(vkey, null, 2)}\n`);
  // snarkjs exports no package.json; its main file sits at build/main.cjs, templates/ beside build/.
  const snarkjsDir = dirname(dirname(createRequire(import.meta.url).resolve('snarkjs')));
  const groth16Template = await readFile(join(snarkjsDir, 'templates', 'verifier_groth16.sol.ejs'), 'utf8');
  const solidity = await snarkjs.zKey.exportSolidityVerifier(paths.zkey, { groth16: groth16Template }, logger);
  await mkdir(dirname(paths.solidityVerifier), { recursive: true });
  await writeFile(paths.solidityVerifier, solidity);
} finally {
  await curve.terminate();
}

progress('checksums');
const sums: Record<string, string> = {};
for (const [name, file] of Object.entries(checksummed)) {
  sums[name] = await sha256File(file);
}
// `ceremony: development`: the keys come from public beacons (toxic waste known to everyone);
// deployContracts refuses them on any chain but a local one (docs/ceremony.md has the real one).
const record = {
  circuit: CIRCUIT_NAME,
  ceremony: 'development',
  constraints: info.nConstraints,
  ptauPower: PTAU_POWER,
  sha256: sums,
};
await writeFile(paths.checksums, `${JSON.stringify(record, null, 2)}\n`);
await rm(paths.tmpDir, { recursive: true, force: true });
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)}s; wrote ${relative(rootDir, paths.checksums)}`);
