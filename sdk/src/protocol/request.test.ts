import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { type CreateRequestParameters, createRequest } from '../merchant/createRequest.ts';
import { merchantSigner } from '../testing/demo.ts';
import {
  assertRequestFresh,
  assertRequestSignature,
  merchantServiceOf,
  parseSignedRequest,
  requestHash,
} from './request.ts';

const base = {
  merchant: { name: 'Bike Shop', requestEndpoint: 'http://localhost:1/requests' },
  predicates: [{ attribute: 'age', op: 'gte' as const, value: 18 }],
  purpose: { code: 'age-check', text: 'adults only' },
  retentionDays: 30,
};
/** The base request with other predicates, signed by the demo merchant. */
const requestFor = (predicates: CreateRequestParameters['predicates']) =>
  createRequest({ signer: merchantSigner(), ...base, predicates });

describe('requests', () => {
  it('names the service answers go to: the requestEndpoint without its trailing "requests"', async () => {
    for (const [endpoint, service] of [
      ['http://localhost:1/requests', 'http://localhost:1/'],
      ['https://shop.example/decdp/requests/', 'https://shop.example/decdp/'],
    ]) {
      const signed = await createRequest({
        signer: merchantSigner(),
        ...base,
        merchant: { name: 'Bike Shop', requestEndpoint: endpoint as string },
      });
      expect(merchantServiceOf(signed)).toBe(service);
    }
  });

  it('round-trips through JSON with a valid signature and a stable hash', async () => {
    const signed = await createRequest({ signer: merchantSigner(), ...base });
    const parsed = parseSignedRequest(JSON.parse(JSON.stringify(signed)));
    expect(() => assertRequestSignature(parsed)).not.toThrow();
    expect(requestHash(parsed.request)).toBe(requestHash(signed.request));
  });

  it('refuses a request altered after signing', async () => {
    const signed = await createRequest({ signer: merchantSigner(), ...base });
    const altered = structuredClone(signed);
    altered.request.retentionDays = 3650;
    expect(() => assertRequestSignature(altered)).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }));
  });

  it('refuses a request signed by someone other than the merchant it names', async () => {
    const signed = await createRequest({ signer: merchantSigner(), ...base });
    const impostor = Wallet.createRandom();
    const forged = { ...signed, signature: await impostor.signMessage('anything') };
    expect(() => assertRequestSignature(forged)).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }));
  });

  it('refuses an unsigned or malformed request, naming the field', () => {
    expect(() => parseSignedRequest({ request: {} })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    try {
      parseSignedRequest({ request: { version: 1 }, signature: '0x00' });
    } catch (error) {
      expect((error as { field: string }).field).toMatch(/^signedRequest\./);
    }
  });

  it('refuses an expired request', async () => {
    const signed = await createRequest({ signer: merchantSigner(), ...base, ttlSeconds: 60, now: 1_000 });
    expect(() => assertRequestFresh(signed.request, 1_061)).toThrow(
      expect.objectContaining({ code: 'REQUEST_EXPIRED' }),
    );
  });

  it('refuses unknown attributes and operands the circuit cannot compare', async () => {
    await expect(requestFor([{ attribute: 'shoeSize', op: 'eq', value: 9 }])).rejects.toMatchObject({
      code: 'UNKNOWN_ATTRIBUTE',
      field: 'request.predicates[0].attribute',
    });
    await expect(requestFor([{ attribute: 'age', op: 'gte', value: '18446744073709551616' }])).rejects.toMatchObject({
      code: 'VALUE_OUT_OF_RANGE',
      field: 'request.predicates[0].value',
    });
    await expect(requestFor([{ attribute: 'city', op: 'gt', value: 'Amsterdam' }])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'request.predicates[0].op',
    });
    await expect(requestFor([{ attribute: 'age', op: 'almost' as 'eq', value: 18 }])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'request.predicates[0].op',
    });
  });
});
