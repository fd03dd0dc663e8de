import { Mnemonic, Wallet, ZeroAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { DEMO_RECOVERY_PHRASE } from '../testing/demo.ts';
import { holderSecretFromPhrase, walletKeysFromPhrase } from './recoveryPhrase.ts';
import { answerRecipient, rewardAccountFor, rewardAddressFor } from './rewardAccount.ts';
import { mergeRewardAccounts } from './rewardAccounts.ts';

const bikeShop = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const bookshop = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const reward = { chainId: 31337, pool: bikeShop, campaignId: '1', scope: '1', token: bikeShop, amount: '1' };

describe('rewardAddressFor', () => {
  it('gives each merchant its own address, none of them the phrase first account', async () => {
    const keys = await walletKeysFromPhrase(DEMO_RECOVERY_PHRASE);
    const atBikes = rewardAddressFor({ phrase: DEMO_RECOVERY_PHRASE, merchantAddress: bikeShop });
    const atBooks = rewardAddressFor({ phrase: DEMO_RECOVERY_PHRASE, merchantAddress: bookshop });
    expect(new Set([atBikes, atBooks, keys.recipient]).size).toBe(3);
  });

  it('is the same from the phrase (restore, any spelling) and from the holder secret an unlocked page holds', async () => {
    const spaced = `  ${DEMO_RECOVERY_PHRASE.toUpperCase().split(' ').join('   ')} `;
    const { holderSecret } = await walletKeysFromPhrase(DEMO_RECOVERY_PHRASE);
    expect(holderSecretFromPhrase(spaced)).toBe(holderSecret);
    const fromPhrase = rewardAddressFor({ phrase: spaced, merchantAddress: bikeShop.toLowerCase() });
    expect(rewardAddressFor({ holderSecret, merchantAddress: bikeShop })).toBe(fromPhrase);
    const other = Mnemonic.fromEntropy(new Uint8Array(16).fill(7)).phrase;
    expect(rewardAddressFor({ phrase: other, merchantAddress: bikeShop })).not.toBe(fromPhrase);
  });

  it('is an account any Ethereum wallet opens from its private key', () => {
    const account = rewardAccountFor({ phrase: DEMO_RECOVERY_PHRASE, merchantAddress: bookshop });
    expect(new Wallet(account.privateKey).address).toBe(account.address);
    expect(account.address).toBe(rewardAddressFor({ phrase: DEMO_RECOVERY_PHRASE, merchantAddress: bookshop }));
  });

  it('refuses a phrase that is not valid, a bad secret or a bad merchant address, naming the field', () => {
    expect(() => rewardAddressFor({ phrase: 'not a phrase', merchantAddress: bikeShop })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'recoveryPhrase' }),
    );
    expect(() => rewardAddressFor({ holderSecret: 0n, merchantAddress: bikeShop })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'holderSecret' }),
    );
    expect(() => rewardAddressFor({ holderSecret: 5n, merchantAddress: '0x1234' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'merchantAddress' }),
    );
  });
});

describe('answerRecipient', () => {
  it('puts no address in an unrewarded answer and the merchant own one in a rewarded answer', async () => {
    const merchant = { name: 'Bike Shop', address: bikeShop, requestEndpoint: 'http://127.0.0.1:1/requests' };
    const { holderSecret } = await walletKeysFromPhrase(DEMO_RECOVERY_PHRASE);
    expect(answerRecipient({ request: { merchant }, phrase: DEMO_RECOVERY_PHRASE })).toBe(ZeroAddress);
    expect(answerRecipient({ request: { merchant }, holderSecret })).toBe(ZeroAddress);
    const expected = rewardAddressFor({ phrase: DEMO_RECOVERY_PHRASE, merchantAddress: bikeShop });
    expect(answerRecipient({ request: { merchant, reward }, phrase: DEMO_RECOVERY_PHRASE })).toBe(expected);
    expect(answerRecipient({ request: { merchant, reward }, holderSecret })).toBe(expected);
  });
});

describe('mergeRewardAccounts', () => {
  it('keeps one account per merchant, the earliest first', () => {
    const at = (merchantAddress: string, address: string, since: string) => ({
      merchant: { name: 'x', address: merchantAddress },
      address,
      since,
    });
    const known = [at(bikeShop, bookshop, '2026-01-01T00:00:00Z')];
    const merged = mergeRewardAccounts(known, [at(bikeShop, bikeShop, 'later'), at(bookshop, bikeShop, 'now')]);
    expect(merged).toEqual([known[0], at(bookshop, bikeShop, 'now')]);
  });
});
