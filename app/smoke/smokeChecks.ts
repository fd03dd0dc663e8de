// What both smoke checks (dev server and production build) do the same way: sign a smoke request,
// check the proof the page made as a merchant would, and see the merchant page render.
import { createRequest, verifyProofBundle } from '@decdp/sdk/merchant';
import type { RequestPredicate, SignedRequest } from '@decdp/sdk/protocol';
import { type makeHolder, merchantSigner } from '@decdp/sdk/testing';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import type { Browser } from 'playwright-core';

export function smokeRequest(predicates: RequestPredicate[]): Promise<SignedRequest> {
  return createRequest({
    signer: merchantSigner(),
    merchant: { name: 'Smoke Shop', requestEndpoint: 'http://127.0.0.1:9/requests' },
    predicates,
    purpose: { code: 'smoke', text: 'Smoke test' },
    retentionDays: 1,
  });
}

export async function verifySmokeProof(params: {
  signedRequest: SignedRequest;
  bundle: Parameters<typeof verifyProofBundle>[0]['bundle'];
  holder: Awaited<ReturnType<typeof makeHolder>>;
}): Promise<{ predicates: string[] }> {
  return verifyProofBundle({
    signedRequest: params.signedRequest,
    bundle: params.bundle,
    verificationKey: (await loadNodeArtifacts()).verificationKey,
    trustedIssuers: [params.holder.issuer.keyHash],
  });
}

/** The merchant page at `url` renders (its operator login: the request form needs a token). */
export async function checkMerchantPage(browser: Browser, url: string): Promise<void> {
  const merchant = await browser.newPage();
  await merchant.goto(`${url}merchant.html`);
  await merchant.getByTestId('operator-token').waitFor({ timeout: 30_000 });
}
