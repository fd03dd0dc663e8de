// The committed mask ABIs and bytecode are those of the current Solidity sources (forge build runs
// before the Vitest step of `npm test`; then `npx node scripts/export-mask-contracts.ts` if this fails).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { maskContractsFile, renderMaskContracts } from '../../../../scripts/export-mask-contracts.ts';

describe('maskContracts.generated.ts', () => {
  it('matches a fresh forge build', async () => {
    expect(await readFile(maskContractsFile, 'utf8')).toBe(await renderMaskContracts());
  });
});
