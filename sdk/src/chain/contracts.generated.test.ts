// The committed ABIs and bytecode are those of the current Solidity sources (forge build runs
// before the Vitest step of `npm test`), and the generated verifier is that of the committed key.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generatedFile, renderContractArtifacts } from '../../../scripts/export-contract-artifacts.ts';
import { renderVerifierFromFile, verifierFile } from '../../../scripts/generate-verifier.ts';

describe('contracts.generated.ts', () => {
  it('matches a fresh forge build (run `npm run build:contracts` if not)', async () => {
    expect(await readFile(generatedFile, 'utf8')).toBe(await renderContractArtifacts());
  });

  it('CredentialVerifier.sol matches circuits/build/credential.vkey.json (run `npm run build:contracts`)', async () => {
    expect(await readFile(verifierFile, 'utf8')).toBe(await renderVerifierFromFile());
  });
});
