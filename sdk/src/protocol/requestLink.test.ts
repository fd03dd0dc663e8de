import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { createRequest } from '../merchant/createRequest.ts';
import { assertRequestSignature } from './request.ts';
import { parseRequestLink, requestLink } from './requestLink.ts';

const signer = Wallet.createRandom();
const walletUrl = 'http://localhost:5173/?screen=requests#old';
const signed = await createRequest({
  signer,
  merchant: { name: 'Bike Shop & Co — "Ünïcode"', requestEndpoint: 'http://127.0.0.1:4100/requests' },
  predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
  purpose: { code: 'age-check', text: 'Sell e-bikes only to adults / + = ?' },
  retentionDays: 30,
});

describe('requestLink / parseRequestLink', () => {
  it('carries the whole signed request in the fragment, unchanged and still verifiable', () => {
    const link = requestLink({ walletUrl, signedRequest: signed });
    expect(link.startsWith('http://localhost:5173/?screen=requests#request=')).toBe(true);
    expect(link).toMatch(/#request=[A-Za-z0-9_-]+$/);
    const opened = parseRequestLink(link);
    expect(opened).toEqual({ signedRequest: signed });
    if ('signedRequest' in opened) expect(() => assertRequestSignature(opened.signedRequest)).not.toThrow();
    // The wallet page hands over location.hash only.
    expect(parseRequestLink(new URL(link).hash)).toEqual({ signedRequest: signed });
  });

  it('carries a request URL for short links and QR codes', () => {
    const requestUrl = `http://127.0.0.1:4100/requests/${signed.request.id}?x=1&y=2`;
    const link = requestLink({ walletUrl, requestUrl });
    expect(parseRequestLink(link)).toEqual({ requestUrl });
  });

  it('refuses a link without a request, a tampered or unreadable one, and non-http URLs, naming the field', () => {
    expect(() => parseRequestLink('http://localhost:5173/')).toThrow(expect.objectContaining({ field: 'link' }));
    expect(() => parseRequestLink('#request=%%%')).toThrow(expect.objectContaining({ field: 'link.request' }));
    const link = requestLink({ walletUrl, signedRequest: signed });
    const truncated = link.slice(0, -20);
    expect(() => parseRequestLink(truncated)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const altered = requestLink({
      walletUrl,
      signedRequest: { ...signed, request: { ...signed.request, retentionDays: 3650 } },
    });
    const opened = parseRequestLink(altered);
    if (!('signedRequest' in opened)) throw new Error('expected an inline request');
    expect(() => assertRequestSignature(opened.signedRequest)).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_INVALID' }),
    );
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
      expect(() => parseRequestLink(`#request-url=${encodeURIComponent(url)}`)).toThrow(
        expect.objectContaining({ field: 'link.request-url' }),
      );
      expect(() => requestLink({ walletUrl, requestUrl: url })).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
    }
  });
});
