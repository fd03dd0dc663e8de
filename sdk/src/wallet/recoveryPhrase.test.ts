import { describe, expect, it } from 'vitest';
import { DEMO_RECOVERY_PHRASE } from '../testing/demo.ts';
import { createRecoveryPhrase, walletKeysFromPhrase } from './recoveryPhrase.ts';
import { assertKeysMatch, parseWalletDocument, walletDocumentFor } from './walletDocument.ts';

const FIELD_MODULUS = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

describe('recovery phrase', () => {
  it('gives the same keys for the same phrase, whatever the spacing and case', async () => {
    const phrase = createRecoveryPhrase();
    expect(phrase.split(' ')).toHaveLength(12);
    const a = await walletKeysFromPhrase(phrase);
    const b = await walletKeysFromPhrase(`  ${phrase.toUpperCase().split(' ').join('   ')} `);
    expect(b).toEqual(a);
    expect(a.holderSecret > 0n && a.holderSecret < FIELD_MODULUS).toBe(true);
    expect(a.recipient).toMatch(/^0x[0-9a-fA-F]{40}$/);
  });

  it('gives different keys for different phrases', async () => {
    const [a, b] = await Promise.all([
      walletKeysFromPhrase(createRecoveryPhrase()),
      walletKeysFromPhrase(createRecoveryPhrase()),
    ]);
    expect(a.holderSecret).not.toBe(b.holderSecret);
    expect(a.recipient).not.toBe(b.recipient);
  });

  it('refuses a phrase with a wrong word or checksum, naming the field', async () => {
    // A fixed phrase and word: a random word swap keeps a 12-word checksum valid once in 16 tries
    // (4 checksum bits), so a random phrase made this test fail now and then.
    const words = DEMO_RECOVERY_PHRASE.split(' ');
    words[3] = 'ability';
    await expect(walletKeysFromPhrase(words.join(' '))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'recoveryPhrase',
    });
    await expect(walletKeysFromPhrase('not a phrase')).rejects.toMatchObject({ field: 'recoveryPhrase' });
  });

  it('the pod document holds no secret, and checks a restored phrase', async () => {
    const keys = await walletKeysFromPhrase(createRecoveryPhrase());
    const document = parseWalletDocument(JSON.parse(JSON.stringify(walletDocumentFor(keys))));
    expect(JSON.stringify(document)).not.toContain(keys.holderSecret.toString());
    expect(() => assertKeysMatch(keys, document)).not.toThrow();
    const other = await walletKeysFromPhrase(createRecoveryPhrase());
    expect(() => assertKeysMatch(other, document)).toThrow(/another wallet/);
  });
});
