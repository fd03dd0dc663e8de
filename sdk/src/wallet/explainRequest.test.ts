import { getBytes, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import {
  type AttributeRequest,
  type RequestPredicate,
  requestDigest,
  type SignedRequest,
} from '../protocol/request.ts';
import { demoRequest, merchantSigner } from '../testing/demo.ts';
import { disclosesExactValue, disclosureOf, explainRequest } from './explainRequest.ts';

const now = () => Math.floor(Date.now() / 1000);
const ask = (predicates: RequestPredicate[]) => demoRequest(predicates);
/** Signs whatever it is given, as a merchant could (createRequest refuses unknown attributes). */
async function signRaw(request: AttributeRequest, signer: Wallet = merchantSigner()): Promise<SignedRequest> {
  return { request, signature: await signer.signMessage(getBytes(requestDigest(request))) };
}
const codes = (explained: ReturnType<typeof explainRequest>) => explained.warnings.map((warning) => warning.code);

describe('explainRequest', () => {
  it('says what a yes reveals, in words, and warns about nothing for a plain request', async () => {
    const explained = explainRequest(await ask([{ attribute: 'age', op: 'gte', value: 18 }]), { now: now() });
    expect(explained.reveals).toEqual(['age ≥ 18']);
    expect(explained.warnings).toEqual([]);
  });

  it('says a statement every holder satisfies proves nothing but holding the credential', async () => {
    const explained = explainRequest(
      await ask([
        { attribute: 'age', op: 'exists' },
        { attribute: 'age', op: 'gte', value: 0 },
        { attribute: 'age', op: 'gte', value: 1 },
      ]),
      { now: now() },
    );
    expect(explained.reveals).toEqual([
      'nothing about you except that you hold a age credential',
      'nothing about you except that you hold a age credential',
      'age ≥ 1',
    ]);
    expect(explained.disclosures[0]).toBe('nothing about you except that you hold a age credential');
    expect(explained.disclosures[1]).toBe('nothing about you except that you hold a age credential');
    expect(explained.disclosures[2]).toBe('that you are 1 or older');
  });

  it('warns about a forged signature (signed by someone else than the merchant it names)', async () => {
    const signed = await ask([{ attribute: 'age', op: 'gte', value: 18 }]);
    const forged = await signRaw(signed.request, new Wallet(Wallet.createRandom().privateKey));
    expect(codes(explainRequest(forged, { now: now() }))).toEqual(['SIGNATURE_INVALID']);
  });

  it('warns about a request altered after signing', async () => {
    const signed = await ask([{ attribute: 'age', op: 'gte', value: 18 }]);
    const altered = { ...signed, request: { ...signed.request, retentionDays: 3650 } };
    expect(codes(explainRequest(altered, { now: now() }))).toContain('SIGNATURE_INVALID');
  });

  it('warns about an expired request', async () => {
    const signed = await ask([{ attribute: 'age', op: 'gte', value: 18 }]);
    expect(codes(explainRequest(signed, { now: signed.request.expiresAt + 1 }))).toEqual(['REQUEST_EXPIRED']);
  });

  it('warns about an attribute the wallet does not know', async () => {
    const signed = await ask([{ attribute: 'age', op: 'gte', value: 18 }]);
    const unknown = await signRaw({
      ...signed.request,
      predicates: [{ attribute: 'shoeSize', op: 'gte', value: 40 }],
    });
    const explained = explainRequest(unknown, { now: now() });
    expect(codes(explained)).toEqual(['UNKNOWN_ATTRIBUTE']);
    expect(explained.reveals[0]).toContain('shoeSize');
  });

  it('warns when a yes would give away the exact number (eq, a one-wide range, a one-value set)', async () => {
    for (const predicate of [
      { attribute: 'age', op: 'eq', value: 34 },
      { attribute: 'age', op: 'between', range: [34, 35] },
      { attribute: 'annualSpend', op: 'in', values: [120_000] },
    ] as const) {
      const signed = await ask([predicate as never]);
      expect(codes(explainRequest(signed, { now: now() })), JSON.stringify(predicate)).toEqual(['REVEALS_EXACT_VALUE']);
    }
    // A category equality is the normal question ("lives in NL"), not a leak.
    const country = await ask([{ attribute: 'countryOfResidence', op: 'eq', value: 'NL' }]);
    expect(explainRequest(country, { now: now() }).warnings).toEqual([]);
  });

  it('a request that does not parse is explained as malformed, never thrown', () => {
    const explained = explainRequest({ request: { id: 'x' }, signature: '0x' }, { now: now() });
    expect(explained.signed).toBeUndefined();
    expect(codes(explained)).toEqual(['MALFORMED']);
    expect(explained.warnings[0]?.message).toMatch(/signedRequest/);
  });

  it('says per operator what a yes tells the merchant: the exact value under an equality, only the comparison otherwise', async () => {
    const explained = explainRequest(
      await ask([
        { attribute: 'countryOfResidence', op: 'eq', value: 'NL' },
        { attribute: 'age', op: 'gte', value: 18 },
        { attribute: 'interest', op: 'in', values: ['cycling', 'running'] },
        { attribute: 'interest', op: 'in', values: ['cycling'] },
      ]),
      { now: now() },
    );
    expect(explained.disclosures).toEqual([
      'your exact country of residence (NL)',
      'that you are 18 or older',
      'that your interest is one of cycling, running (not which one)',
      'your exact interest (cycling)',
    ]);
    expect(disclosureOf({ attribute: 'annualSpend', op: 'between', range: [100, 200] })).toBe(
      'that your yearly spend is between 100 and 200 cents',
    );
    expect(disclosesExactValue({ attribute: 'countryOfResidence', op: 'eq', value: 'NL' })).toBe(true);
    expect(disclosesExactValue({ attribute: 'age', op: 'gte', value: 18 })).toBe(false);
  });
});
