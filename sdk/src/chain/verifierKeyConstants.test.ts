import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import vkey from '../../../circuits/build/credential.vkey.json' with { type: 'json' };
import { verifierKeyConstants } from './verifierKeyConstants.ts';

describe('verifierKeyConstants', () => {
  it('lists every number of the key exactly as the committed generated verifier declares it', async () => {
    const solidity = await readFile(
      join(import.meta.dirname, '..', '..', '..', 'contracts', 'src', 'CredentialVerifier.sol'),
      'utf8',
    );
    const declared = [...solidity.matchAll(/uint256 internal constant (ALPHA|BETA|GAMMA|DELTA|IC)(\w*) = (\d+);/g)].map(
      (match) => ({ name: `${match[1]}${match[2]}`, value: BigInt(match[3] as string) }),
    );
    const constants = verifierKeyConstants(vkey);
    expect(constants).toHaveLength(2 + 3 * 4 + 2 * vkey.IC.length);
    expect(declared).toEqual(constants);
  });
});
