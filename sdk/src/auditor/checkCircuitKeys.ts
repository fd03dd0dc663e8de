// Do the proving and verification keys belong to the circuit? An auditor's three checks, from
// cheap to thorough:
// 1. every artifact's SHA-256 is the one published in checksums.json;
// 2. the verification key is the one inside the zkey (snarkjs exports it again);
// 3. (deep) the zkey is a correct Groth16 setup of the r1cs over the powers of tau, with every
//    phase-2 contribution accounted for (`snarkjs zkey verify`; ~20 s for our circuit on 2 cores).
// The r1cs itself is tied to the circom source by recompiling (circuits/artifacts.test.ts).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as snarkjs from 'snarkjs';
import { releaseProverThreads } from '../zk/groth16.ts';
import { type AuditReport, type Finding, report } from './findings.ts';

export type CircuitKeyFiles = {
  r1cs: string;
  zkey: string;
  verificationKey: string;
  /** Needed for the deep check only. */
  ptau?: string;
  wasm?: string;
  /** The circom source and the exported Solidity verifier, for the checksum check. */
  source?: string;
  solidityVerifier?: string;
};

export type CheckCircuitKeysParameters = {
  files: CircuitKeyFiles;
  /** Published SHA-256 per file name (checksums.json's `sha256`); names not in `files` are skipped. */
  checksums?: Record<string, string>;
  /** Also run `snarkjs zkey verify` against r1cs and ptau. */
  deep?: boolean;
  /** Progress lines for long steps (CLI: stderr). */
  onProgress?: (line: string) => void;
};

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * @example
 * const audit = await checkCircuitKeys({ files: { r1cs, zkey, verificationKey, ptau }, checksums, deep: true });
 * @since 0.2.0
 */
export async function checkCircuitKeys(params: CheckCircuitKeysParameters): Promise<AuditReport> {
  const { files } = params;
  const progress = params.onProgress ?? (() => {});
  const findings: Finding[] = [];
  let checked = 0;
  try {
    for (const [name, expected] of Object.entries(params.checksums ?? {})) {
      const path = files[name as keyof CircuitKeyFiles];
      if (!path) continue;
      checked += 1;
      const actual = createHash('sha256')
        .update(await readFile(path))
        .digest('hex');
      if (actual !== expected) {
        findings.push({
          code: 'CHECKSUM_MISMATCH',
          severity: 'error',
          message: `${name} has SHA-256 ${actual.slice(0, 16)}…, the published one is ${expected.slice(0, 16)}….`,
          where: path,
        });
      }
    }
    progress('comparing the verification key with the one inside the zkey');
    checked += 1;
    const fromZkey = await snarkjs.zKey.exportVerificationKey(files.zkey, silent);
    const committed = JSON.parse(await readFile(files.verificationKey, 'utf8'));
    if (JSON.stringify(fromZkey) !== JSON.stringify(committed)) {
      findings.push({
        code: 'VKEY_NOT_FROM_ZKEY',
        severity: 'error',
        message:
          'The verification key is not the one inside the proving key: proofs would not verify, or forged ones would.',
        where: files.verificationKey,
      });
    }
    if (params.deep) {
      if (!files.ptau) throw new Error('the deep check needs files.ptau');
      progress('snarkjs zkey verify: re-deriving the setup from r1cs and powers of tau (about 20 s)');
      checked += 1;
      if (!(await snarkjs.zKey.verifyFromR1cs(files.r1cs, files.ptau, files.zkey, silent))) {
        findings.push({
          code: 'ZKEY_NOT_FROM_CIRCUIT',
          severity: 'error',
          message: 'The proving key is not a valid setup of this circuit over these powers of tau.',
          where: files.zkey,
        });
      }
    }
  } finally {
    await releaseProverThreads();
  }
  return report('circuit keys', checked, findings);
}
