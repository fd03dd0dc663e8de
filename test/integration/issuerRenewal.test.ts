// Automatic renewal against real servers: the PSD2 sandbox bank, anvil with an ERC-20, the issuer
// service and a Community Solid Server pod. Credentials near their end are renewed with the grant
// their issuance left while the source agrees (no sign-in, a fresh proof of possession); a revoked
// or expired bank approval and a sold token mean no renewal — the wallet is told in words, nothing
// is written to the pod, the issuer's log is unchanged — and the credential simply expires. A grant
// altered, or brought by another wallet, renews nothing.
import { mined, RewardToken } from '@decdp/sdk/chain';
import { createIssuerKey } from '@decdp/sdk/issuer';
import { createBankAdapter, createEthereumAdapter } from '@decdp/sdk/issuer/node';
import { createPodAccount, decdpUrls, listContainer, readJsonDocument } from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import { MERCHANT_PRIVATE_KEY } from '@decdp/sdk/testing';
import {
  acceptIssuance,
  authenticateAtSource,
  createHolderSecret,
  type IssuancePossession,
  type IssuanceSession,
  previewIssuance,
  provePossession,
  type RenewalOutcome,
  renewCredentials,
  type StoredCredential,
  siweMessageFor,
  startIssuance,
  storeIssuedCredentials,
} from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { type CredentialArtifacts, loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { Contract, ContractFactory, JsonRpcProvider, NonceManager, parseEther, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandboxBank, startSandboxBank } from '../../scripts/system/sandboxBank/startSandboxBank.ts';
import { type Anvil, startAnvil } from '../../scripts/system/startAnvil.ts';
import type { SolidServer } from '../../scripts/system/startSolidServer.ts';
import { sharedSolidServer } from '../system/sharedSystem.ts';
import { approveAtBank, callback, startTestIssuer, type TestIssuer } from './issuerSetup.ts';
import { deployed } from './rewardChain.ts';

let artifacts: CredentialArtifacts;
let anvil: Anvil;
let provider: JsonRpcProvider;
let bank: RunningSandboxBank;
let solid: SolidServer;
let issuer: TestIssuer;
let token: string;
let pod: { podUrl: string; fetch: typeof fetch };
const person = Wallet.createRandom();
const holderSecret = createHolderSecret();

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  [anvil, bank, solid] = await Promise.all([startAnvil(), startSandboxBank(), sharedSolidServer()]);
  provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { staticNetwork: true, pollingInterval: 50 });
  const chainId = Number((await provider.getNetwork()).chainId);
  const deployer = new NonceManager(new Wallet(MERCHANT_PRIVATE_KEY, provider));
  const erc20 = await deployed(
    new ContractFactory(RewardToken.abi as never, RewardToken.bytecode, deployer).deploy(await deployer.getAddress()),
  );
  token = await erc20.getAddress();
  await mined(erc20.getFunction('mint')(person.address, parseEther('25')));
  await mined(deployer.sendTransaction({ to: person.address, value: parseEther('1') }));
  issuer = await startTestIssuer({
    verificationKey: artifacts.verificationKey,
    sources: async () => [
      {
        adapter: createBankAdapter({ bankName: 'Sandbox Bank', bankUrl: bank.url }),
        issuer: { ...(await createIssuerKey()), name: 'Demo Bank' },
      },
      {
        adapter: createEthereumAdapter({
          rpcUrl: anvil.rpcUrl,
          chainId,
          tokens: [{ address: token, kind: 'erc20', name: 'Demo Token' }],
        }),
        issuer: { ...(await createIssuerKey()), name: 'Chain attestor' },
      },
    ],
  });
  const account = await createPodAccount({
    baseUrl: solid.baseUrl,
    email: 'renewal@decdp.test',
    password: 'renewal-pw-123',
    podName: 'renewal',
  });
  const session = await loginWithClientCredentials({
    oidcIssuer: solid.baseUrl,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
  });
  pod = { podUrl: account.podUrl, fetch: session.fetch };
});
afterAll(async () => {
  await issuer?.stop();
  provider?.destroy();
  await Promise.all([anvil?.stop(), bank?.stop(), solid?.stop()]);
  await releaseProverThreads();
});

/** What the wallet holds from issuers, read back from the pod. */
async function storedInPod(): Promise<StoredCredential[]> {
  const urls = await listContainer({ url: decdpUrls(pod.podUrl).credentials, fetch: pod.fetch });
  return Promise.all(
    urls.map(async (url) => ({
      url,
      credential: (await readJsonDocument({ url, fetch: pod.fetch })) as StoredCredential['credential'],
    })),
  );
}

async function issueAndStore(session: IssuanceSession): Promise<StoredCredential[]> {
  await provePossession({ possession: session.possession, holderSecret, artifacts });
  const issued = await acceptIssuance({ session, preview: await previewIssuance({ session }) });
  const urls = await storeIssuedCredentials({ podUrl: pod.podUrl, issued, fetch: pod.fetch });
  return (await storedInPod()).filter(({ url }) => urls.includes(url));
}

const renew = (now: number, items?: StoredCredential[]) =>
  (async () =>
    renewCredentials({
      podUrl: pod.podUrl,
      fetch: pod.fetch,
      items: items ?? (await storedInPod()),
      holderSecret,
      prove: (possession: IssuancePossession) => provePossession({ possession, holderSecret, artifacts }),
      now,
    }))();

const fromSource = (items: StoredCredential[], source: string) =>
  items.filter(({ credential }) => credential.evidence?.[0]?.source === source);

const attributesOf = (items: StoredCredential[]) =>
  items.map(({ credential }) => credential.credentialSubject.attribute).sort();

describe('automatic renewal', () => {
  it('renews bank credentials while the approval stands; revoked, nothing is renewed or written and they expire', async () => {
    const session = await startIssuance({ issuerUrl: issuer.url, source: 'bank', holderSecret });
    expect(
      (await callback(await approveAtBank(session, { username: 'alice', password: 'sandbox-alice' }))).status,
    ).toBe(200);
    const first = await issueAndStore(session);
    expect(first).toHaveLength(4);
    const evidence = first[0]?.credential.evidence?.[0];
    expect(evidence?.renewal?.until).toBeGreaterThan(Math.floor(Date.now() / 1000) + 170 * 86_400);
    const expiresAt = first[0]?.credential.decdp.expiresAt as number;

    // Not due yet: nothing happens.
    expect(await renew(Math.floor(Date.now() / 1000))).toEqual([]);

    // A day before they expire: renewed without the person, the old documents replaced.
    const logBefore = (await issuer.log.list()).length;
    const [renewed] = (await renew(expiresAt - 86_400)) as [RenewalOutcome];
    expect(renewed.kind).toBe('renewed');
    if (renewed.kind !== 'renewed') return;
    expect(attributesOf(renewed.stored)).toEqual(attributesOf(first));
    expect(renewed.replaced.sort()).toEqual(first.map(({ url }) => url).sort());
    expect(renewed.lapsing).toEqual([]);
    const inPod = fromSource(await storedInPod(), 'bank');
    expect(inPod.map(({ url }) => url).sort()).toEqual(renewed.stored.map(({ url }) => url).sort());
    expect((await issuer.log.list()).length).toBe(logBefore + 4);

    // The person revokes the approval at the bank: no renewal, told in words, nothing written, log unchanged.
    const consentId = new URL((session.authentication as { url: string }).url).pathname.split('/').pop();
    await fetch(`${bank.url}sandbox/consents/${consentId}/revoke`, { method: 'POST' });
    const podBefore = await storedInPod();
    const logAfterRenewal = await issuer.log.list();
    const due = (renewed.stored[0]?.credential.decdp.expiresAt as number) - 86_400;
    const [refused] = (await renew(due)) as [RenewalOutcome];
    expect(refused).toMatchObject({
      kind: 'needs-you',
      code: 'CONSENT_INVALID',
      words: 'You withdrew your approval at Sandbox Bank.',
      source: 'bank',
    });
    expect(await storedInPod()).toEqual(podBefore);
    expect(await issuer.log.list()).toEqual(logAfterRenewal);
  });

  it('renews Ethereum credentials from the chain; a sold token is not renewed and lapses', async () => {
    const own = new NonceManager(person.connect(provider));
    const erc20 = new Contract(token, RewardToken.abi as never, own);
    const buyer = await Wallet.createRandom().getAddress();
    // The address has been used (its first transaction), and still holds most of its tokens.
    await mined(erc20.getFunction('transfer')(buyer, parseEther('1')));
    const session = await startIssuance({ issuerUrl: issuer.url, source: 'ethereum', holderSecret });
    const message = siweMessageFor({ authentication: session.authentication, address: person.address });
    await authenticateAtSource({ session, body: { message, signature: await person.signMessage(message) } });
    const first = await issueAndStore(session);
    expect(attributesOf(first)).toEqual(['addressAgeBand', 'ethBalanceBand', 'tokenHolding']);
    const due = (first[0]?.credential.decdp.expiresAt as number) - 3_600;
    const holding = first.find(({ credential }) => credential.credentialSubject.attribute === 'tokenHolding');

    // The person sells the rest.
    await mined(erc20.getFunction('transfer')(buyer, parseEther('24')));

    const [renewed] = (await renew(due, fromSource(await storedInPod(), 'ethereum'))) as [RenewalOutcome];
    expect(renewed.kind).toBe('renewed');
    if (renewed.kind !== 'renewed') return;
    // The balance band is renewed; the holding is not, and stays as it was until it expires.
    expect(attributesOf(renewed.stored)).toEqual(['addressAgeBand', 'ethBalanceBand']);
    expect(renewed.lapsing.map(({ url }) => url)).toEqual([holding?.url]);
    const inPod = fromSource(await storedInPod(), 'ethereum');
    expect(attributesOf(inPod)).toEqual(['addressAgeBand', 'ethBalanceBand', 'tokenHolding']);
    expect(inPod.find(({ url }) => url === holding?.url)?.credential.decdp.expiresAt).toBe(
      holding?.credential.decdp.expiresAt,
    );
  });

  it('renews nothing with an altered grant or another wallet’s grant', async () => {
    const session = await startIssuance({ issuerUrl: issuer.url, source: 'bank', holderSecret });
    await callback(await approveAtBank(session, { username: 'chloe', password: 'sandbox-chloe' }));
    const items = await issueAndStore(session);
    const due = (items[0]?.credential.decdp.expiresAt as number) - 86_400;
    const withGrant = (grant: (text: string) => string) =>
      items.map(({ url, credential }) => {
        const evidence = credential.evidence?.[0];
        if (!evidence?.renewal) throw new Error('expected a renewal grant');
        return {
          url,
          credential: {
            ...credential,
            evidence: [{ ...evidence, renewal: { ...evidence.renewal, grant: grant(evidence.renewal.grant) } }],
          },
        };
      });
    const podBefore = await storedInPod();
    const logBefore = await issuer.log.list();
    const flip = (text: string) => `${text.slice(0, 20)}${text[20] === 'A' ? 'B' : 'A'}${text.slice(21)}`;
    const [altered] = (await renew(due, withGrant(flip))) as [RenewalOutcome];
    expect(altered).toMatchObject({ kind: 'needs-you', code: 'INVALID_INPUT' });
    // Another wallet holding the same grant (copied from the pod): it proves possession of its own
    // commitment, which is not the one the grant is for.
    const otherSecret = createHolderSecret();
    const [stolen] = (await renewCredentials({
      podUrl: pod.podUrl,
      fetch: pod.fetch,
      items,
      holderSecret: otherSecret,
      prove: (possession) => provePossession({ possession, holderSecret: otherSecret, artifacts }),
      now: due,
    })) as [RenewalOutcome];
    expect(stolen).toMatchObject({ kind: 'needs-you', code: 'INVALID_INPUT' });
    // A thief with a challenge for the victim's own commitment (anyone may ask for one) cannot prove
    // it, and without the proof the grant opens nothing: no session, no preview of the bank's bands.
    const response = await fetch(`${issuer.url}possessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subjectCommitment: items[0]?.credential.credentialSubject.commitment }),
    });
    const { possessionId } = (await response.json()) as { possessionId: string };
    const thief = await fetch(`${issuer.url}sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        source: 'bank',
        possessionId,
        renewal: items[0]?.credential.evidence?.[0]?.renewal?.grant,
      }),
    });
    expect(thief.status).toBe(403);
    expect(((await thief.json()) as { error: { code: string; field: string } }).error).toMatchObject({
      code: 'POSSESSION_NOT_PROVEN',
      field: 'body.possessionId',
    });
    expect(await storedInPod()).toEqual(podBefore);
    expect(await issuer.log.list()).toEqual(logBefore);
  });
});
