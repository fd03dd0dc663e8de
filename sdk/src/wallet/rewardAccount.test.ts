import { HDNodeWallet, Mnemonic, ZeroAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { DEMO_RECOVERY_PHRASE } from '../testing/demo.ts';
import { walletKeysFromPhrase } from './recoveryPhrase.ts';
import { answerRecipient, rewardAccountPath, rewardAddressFor } from './rewardAccount.ts';

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

  it('is the same from the same phrase (restore) whatever the spelling, and differs for another phrase', () => {
    const spaced = `  ${DEMO_RECOVERY_PHRASE.toUpperCase().split(' ').join('   ')} `;
    expect(rewardAddressFor({ phrase: spaced, merchantAddress: bikeShop.toLowerCase() })).toBe(
      rewardAddressFor({ phrase: DEMO_RECOVERY_PHRASE, merchantAddress: bikeShop }),
    );
    const other = Mnemonic.fromEntropy(new Uint8Array(16).fill(7)).phrase;
    expect(rewardAddressFor({ phrase: other, merchantAddress: bikeShop })).not.toBe(
      rewardAddressFor({ phrase: DEMO_RECOVERY_PHRASE, merchantAddress: bikeShop }),
    );
  });

  it('is an account the person can open in any wallet from the phrase and the printed path', () => {
    const path = rewardAccountPath(bikeShop);
    expect(path).toMatch(/^m\/44'\/60'\/\d+'\/0\/\d+$/);
    const opened = HDNodeWallet.fromPhrase(DEMO_RECOVERY_PHRASE, undefined, path);
    expect(opened.address).toBe(rewardAddressFor({ phrase: DEMO_RECOVERY_PHRASE, merchantAddress: bikeShop }));
  });

  it('refuses a phrase that is not valid, naming the field', () => {
    expect(() => rewardAddressFor({ phrase: 'not a phrase', merchantAddress: bikeShop })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'recoveryPhrase' }),
    );
  });
});

describe('answerRecipient', () => {
  it('puts no address in an unrewarded answer and the merchant own one in a rewarded answer', () => {
    const merchant = { name: 'Bike Shop', address: bikeShop, requestEndpoint: 'http://127.0.0.1:1/requests' };
    expect(answerRecipient({ request: { merchant }, phrase: DEMO_RECOVERY_PHRASE })).toBe(ZeroAddress);
    expect(answerRecipient({ request: { merchant, reward }, phrase: DEMO_RECOVERY_PHRASE })).toBe(
      rewardAddressFor({ phrase: DEMO_RECOVERY_PHRASE, merchantAddress: bikeShop }),
    );
  });
});
