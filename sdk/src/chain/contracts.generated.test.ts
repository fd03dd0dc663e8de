// The committed ABIs and bytecode are those of the current Solidity sources (forge build runs
// before the Vitest step of `npm test`).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generatedFile, renderContractArtifacts } from '../../../scripts/export-contract-artifacts.ts';

describe('contracts.generated.ts', () => {
  it('matches a fresh forge build (run `npm run build:contracts` if not)', async () => {
    expect(await readFile(generatedFile, 'utf8')).toBe(await renderContractArtifacts());
  });
});
