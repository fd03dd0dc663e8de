// What binds a mask request and its answers, without a chain: the merchant's signature, the scope
// (merchant + request) and the message (request + recipient). The proofs and the on-chain check
// are in test/integration/maskService.test.ts.
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { createMaskRequest, maskAnswerMessage, maskRequestScope, verifyMaskRequest } from './maskRequest.ts';

const merchant = Wallet.createRandom();
const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'ok';
  } catch (error) {
    const { code, field } = error as { code: string; field?: string };
    return field ? `${code} ${field}` : code;
  }
};

describe('mask requests', () => {
  it('are signed by the merchant they name; a changed or re-signed request is refused', async () => {
    const signed = await createMaskRequest({
      signer: merchant,
      merchantName: 'Test Bikes',
      maskId: 'new-cyclist',
      purpose: 'A test ride?',
      reward: { token: Wallet.createRandom().address, amount: 5n },
      nowSeconds: 1_800_000_000,
    });
    expect(verifyMaskRequest(signed).request.merchant.address).toBe(merchant.address);
    expect(signed.request.expiresAt).toBe(1_800_000_000 + 7 * 86_400);
    expect(codeOf(() => verifyMaskRequest({ ...signed, request: { ...signed.request, maskId: 'other-mask' } }))).toBe(
      'SIGNATURE_INVALID signature',
    );
    const impostor = await createMaskRequest({
      signer: Wallet.createRandom(),
      merchantName: 'x',
      maskId: 'new-cyclist',
      purpose: 'x',
    });
    expect(codeOf(() => verifyMaskRequest({ ...signed, signature: impostor.signature }))).toBe(
      'SIGNATURE_INVALID signature',
    );
    expect(codeOf(() => verifyMaskRequest({ ...signed, request: { ...signed.request, maskId: 'Bad Id' } }))).toBe(
      'INVALID_INPUT signedRequest.request.maskId',
    );
  });

  it('may name the merchant’s offer service, signed with the rest: nobody can point the wallet elsewhere', async () => {
    const signed = await createMaskRequest({
      signer: merchant,
      merchantName: 'Test Bikes',
      maskId: 'new-cyclist',
      purpose: 'A test ride?',
      offers: 'http://127.0.0.1:4000/',
    });
    expect(verifyMaskRequest(signed).request.offers).toBe('http://127.0.0.1:4000/');
    expect(
      codeOf(() => verifyMaskRequest({ ...signed, request: { ...signed.request, offers: 'http://evil.example/' } })),
    ).toBe('SIGNATURE_INVALID signature');
    await expect(
      createMaskRequest({
        signer: merchant,
        merchantName: 'x',
        maskId: 'new-cyclist',
        purpose: 'x',
        offers: 'ftp://x/',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('scope answers per merchant and per request; the message binds the recipient', () => {
    const other = Wallet.createRandom().address;
    const scope = maskRequestScope({ id: 'request-0001', merchant: { name: 'a', address: merchant.address } });
    expect(maskRequestScope({ id: 'request-0002', merchant: { name: 'a', address: merchant.address } })).not.toBe(
      scope,
    );
    expect(maskRequestScope({ id: 'request-0001', merchant: { name: 'a', address: other } })).not.toBe(scope);
    // The address's case does not matter; the merchant's name does not enter the scope.
    expect(
      maskRequestScope({ id: 'request-0001', merchant: { name: 'b', address: merchant.address.toLowerCase() } }),
    ).toBe(scope);
    const paid = maskAnswerMessage({ requestId: 'request-0001', recipient: other });
    expect(maskAnswerMessage({ requestId: 'request-0001', recipient: merchant.address })).not.toBe(paid);
    expect(maskAnswerMessage({ requestId: 'request-0001', recipient: null })).not.toBe(paid);
    expect(scope < 2n ** 248n && paid < 2n ** 248n).toBe(true);
  });
});
