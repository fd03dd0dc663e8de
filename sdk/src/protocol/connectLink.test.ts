import { describe, expect, it } from 'vitest';
import { connectLink, shopUrl } from './connectLink.ts';

describe('connectLink', () => {
  it('opens the wallet connect screen on the shop, in the fragment (never sent to the wallet server)', () => {
    const link = connectLink({
      walletUrl: 'https://wallet.example/app?x=1#old',
      merchantUrl: 'https://shop.example/api',
    });
    expect(link).toBe('https://wallet.example/app?x=1#/connect?merchant=https%3A%2F%2Fshop.example%2Fapi%2F');
    const hash = new URL(link).hash;
    expect(new URLSearchParams(hash.slice(hash.indexOf('?'))).get('merchant')).toBe('https://shop.example/api/');
  });

  it('takes http(s) shop addresses only, naming the field', () => {
    for (const bad of ['javascript:alert(1)', 'ftp://shop.example/', 'not a url', 'https://user:pw@shop.example/']) {
      expect(() => shopUrl(bad, 'merchant')).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT', field: 'merchant' }),
      );
    }
    expect(shopUrl('http://127.0.0.1:8080?x#y')).toBe('http://127.0.0.1:8080/');
  });
});
