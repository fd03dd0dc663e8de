// A person from zero, in Node against `npm start`'s system (startSystem): a new pod account and a
// new wallet, an age band from the PSD2 sandbox bank, an ERC-20 holding through Sign-In with
// Ethereum on anvil, a loyalty tier from the merchant — each stored in the pod with its
// provenance — then a rewarded request that needs two of them answered and paid. No seeded
// credential is involved. (The browser version is test/browser/issuance.test.ts.)

import { connectRewardToken, mined, readTokenBalance } from '@decdp/sdk/chain';
import {
  createPodAccount,
  decdpUrls,
  ensureDecdpContainers,
  listContainer,
  readJsonDocument,
  writeJsonDocument,
} from '@decdp/sdk/pod';
import { loginWithClientCredentials, type PodSession } from '@decdp/sdk/pod/node';
import type { SignedRequest } from '@decdp/sdk/protocol';
import { parseCredential } from '@decdp/sdk/protocol';
import {
  acceptIssuance,
  authenticateAtSource,
  createRecoveryPhrase,
  describeProvenance,
  type IssuanceSession,
  previewIssuance,
  provePossession,
  proveRequest,
  REWARD_ACCOUNT_PATH,
  siweMessageFor,
  startIssuance,
  storeIssuedCredentials,
  walletDocumentFor,
  walletKeysFromPhrase,
} from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { type CredentialArtifacts, loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { HDNodeWallet, JsonRpcProvider, Mnemonic, parseUnits } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { startOwnSystem } from '../system/sharedSystem.ts';

let system: System;
let artifacts: CredentialArtifacts;
let session: PodSession;
let podUrl: string;

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  system = await startOwnSystem({ pages: false, campaignPredicate: { attribute: 'ageBand', op: 'gte', value: 18 } });
  const account = await createPodAccount({
    baseUrl: system.urls.solid,
    email: 'zero@decdp.test',
    password: 'zero-password-1',
    podName: 'zero',
  });
  session = await loginWithClientCredentials({
    oidcIssuer: system.urls.solid,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
  });
  podUrl = account.podUrl;
});
afterAll(async () => {
  await session?.logout?.();
  await system?.stop();
  await releaseProverThreads();
});

async function issue(
  sessionOf: IssuanceSession,
  holderSecret: bigint,
  signIn: (session: IssuanceSession) => Promise<void>,
): Promise<void> {
  await provePossession({ possession: sessionOf.possession, holderSecret, artifacts });
  await signIn(sessionOf);
  const preview = await previewIssuance({ session: sessionOf });
  const issued = await acceptIssuance({ session: sessionOf, preview });
  await storeIssuedCredentials({ podUrl, issued, fetch: session.fetch });
}

/**
 * The person received DeCDP tokens some time ago. Sent from the reward pool's balance by
 * impersonating it on anvil: the merchant's key, which could mint, is in use by the running
 * merchant service (its nonce manager would fall behind an outside transaction).
 */
async function giveTokens(provider: JsonRpcProvider, to: string): Promise<void> {
  const pool = system.deployment.pool;
  await provider.send('anvil_setBalance', [pool, '0xde0b6b3a7640000']);
  await provider.send('anvil_impersonateAccount', [pool]);
  const token = connectRewardToken(system.deployment.token, await provider.getSigner(pool));
  await mined(token.transfer(to, parseUnits('1')));
  await provider.send('anvil_stopImpersonatingAccount', [pool]);
}

describe('a person from zero', () => {
  it('gets credentials from three sources into a new pod and answers a rewarded request with them', async () => {
    const phrase = createRecoveryPhrase();
    const keys = await walletKeysFromPhrase(phrase);
    const urls = await ensureDecdpContainers({ podUrl, webId: session.webId, fetch: session.fetch });
    await writeJsonDocument({ url: urls.wallet, data: walletDocumentFor(keys), fetch: session.fetch });
    expect(await listContainer({ url: urls.credentials, fetch: session.fetch })).toEqual([]);
    const issuerUrl = system.config.issuers?.[0] as string;
    expect(issuerUrl).toBe(system.urls.issuer);

    // 1. The bank: consent at the sandbox bank (alice), back to the issuer.
    const bank = await startIssuance({ issuerUrl, source: 'bank', holderSecret: keys.holderSecret });
    await issue(bank, keys.holderSecret, async (started) => {
      const url = (started.authentication as { url: string }).url;
      const approved = await fetch(url, {
        method: 'POST',
        body: new URLSearchParams({ username: 'alice', password: 'sandbox-alice', decision: 'approve' }),
        redirect: 'manual',
      });
      expect((await fetch(approved.headers.get('location') as string)).status).toBe(200);
    });

    // 2. Ethereum: the wallet's own reward account holds DeCDP tokens and signs in with it.
    const provider = new JsonRpcProvider(system.urls.rpc, undefined, { staticNetwork: true, pollingInterval: 50 });
    await giveTokens(provider, keys.recipient);
    const account = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(phrase), REWARD_ACCOUNT_PATH);
    const chain = await startIssuance({ issuerUrl, source: 'ethereum', holderSecret: keys.holderSecret });
    await issue(chain, keys.holderSecret, async (started) => {
      const message = siweMessageFor({ authentication: started.authentication, address: account.address });
      await authenticateAtSource({
        session: started,
        body: { message, signature: await account.signMessage(message) },
      });
    });

    // 3. Loyalty at the demo merchant.
    const loyalty = await startIssuance({ issuerUrl, source: 'loyalty', holderSecret: keys.holderSecret });
    await issue(loyalty, keys.holderSecret, (started) =>
      authenticateAtSource({ session: started, body: system.issuer.loyaltyLogin }),
    );

    const stored = await Promise.all(
      (await listContainer({ url: decdpUrls(podUrl).credentials, fetch: session.fetch })).map(async (url) =>
        parseCredential(await readJsonDocument({ url, fetch: session.fetch })),
      ),
    );
    const attributes = stored.map((credential) => credential.credentialSubject.attribute).sort();
    expect(attributes).toEqual(
      [
        'accountCountry',
        'ageBand',
        'customerSince',
        'ethBalanceBand',
        'incomeBand',
        'loyaltyTier',
        'memberSince',
        'spendBand',
        'tokenHolding',
      ].sort(),
    );
    const ageBand = stored.find((credential) => credential.credentialSubject.attribute === 'ageBand');
    expect(describeProvenance(ageBand as never)).toMatch(/^Demo Bank, from Sandbox Bank \(PSD2 sandbox\), issued /);

    // 4. A rewarded request that needs two of them: the campaign's age band and the loyalty tier.
    const created = await fetch(`${system.urls.merchantService}requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${system.operatorToken}` },
      body: JSON.stringify({
        predicates: [{ attribute: 'loyaltyTier', op: 'gte', value: 2 }],
        purpose: { code: 'members', text: 'Members’ discount for adults' },
        retentionDays: 30,
        reward: true,
      }),
    });
    expect(created.status).toBe(201);
    const signedRequest = (await created.json()) as SignedRequest;
    expect(signedRequest.request.predicates.map((predicate) => predicate.attribute)).toEqual([
      'ageBand',
      'loyaltyTier',
    ]);
    const before = await readTokenBalance({ runner: provider, token: system.deployment.token, owner: keys.recipient });
    const bundle = await proveRequest({
      signedRequest,
      credentials: stored,
      holderSecret: keys.holderSecret,
      recipient: keys.recipient,
      artifacts,
    });
    const answered = await fetch(`${system.urls.merchantService}requests/${signedRequest.request.id}/answers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(bundle),
    });
    const answer = (await answered.json()) as { reward: { txHash: string } | null; rewardError?: unknown };
    expect([answered.status, answer.rewardError]).toEqual([201, undefined]);
    expect(answer.reward?.txHash).toMatch(/^0x/);
    const after = await readTokenBalance({ runner: provider, token: system.deployment.token, owner: keys.recipient });
    expect(after - before).toBe(parseUnits('5'));
    provider.destroy();
  });
});
