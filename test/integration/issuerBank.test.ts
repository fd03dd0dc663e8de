// The bank adapter against the PSD2 sandbox bank over real HTTP: the NextGenPSD2 consent with the
// redirect approach followed as a browser would, bands derived, and every bad consent refused with
// a typed error, nothing issued, the log unchanged.

import { createIssuerKey } from '@decdp/sdk/issuer';
import { createBankAdapter, createPsd2Client } from '@decdp/sdk/issuer/node';
import {
  acceptIssuance,
  createHolderSecret,
  type IssuanceSession,
  previewIssuance,
  provePossession,
  startIssuance,
} from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { type CredentialArtifacts, loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandboxBank, startSandboxBank } from '../../scripts/system/sandboxBank/startSandboxBank.ts';
import { approveAtBank, callback, codeOf, startTestIssuer, type TestIssuer } from './issuerSetup.ts';

let artifacts: CredentialArtifacts;
let bank: RunningSandboxBank;
let issuer: TestIssuer;

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  bank = await startSandboxBank();
  issuer = await startTestIssuer({
    verificationKey: artifacts.verificationKey,
    sources: async () => [
      {
        adapter: createBankAdapter({ bankName: 'Sandbox Bank', bankUrl: bank.url }),
        issuer: { ...(await createIssuerKey()), name: 'Sandbox Bank' },
      },
    ],
  });
});
afterAll(async () => {
  await issuer?.stop();
  await bank?.stop();
  await releaseProverThreads();
});

const consentIdOf = (session: IssuanceSession) =>
  new URL((session.authentication as { url: string }).url).pathname.split('/').pop() as string;

describe('bank adapter (PSD2 sandbox)', () => {
  it('reads the account with consent and issues bands, never the statement', async () => {
    const holderSecret = createHolderSecret();
    const session = await startIssuance({ issuerUrl: issuer.url, source: 'bank', holderSecret });
    await provePossession({ possession: session.possession, holderSecret, artifacts });
    const back = await callback(await approveAtBank(session, { username: 'alice', password: 'sandbox-alice' }));
    expect(back.status).toBe(200);
    const preview = await previewIssuance({ session });
    expect(Object.fromEntries(preview.attributes.map(({ attribute, value }) => [attribute, value]))).toEqual({
      accountCountry: 'DE',
      ageBand: 35,
      incomeBand: 50_000,
      customerSince: '2015-01-01',
    });
    // The approval stands (recurring, for renewals) until the person revokes it or it expires.
    expect(bank.consentStatus(consentIdOf(session))).toBe('valid');
    const issued = await acceptIssuance({ session, preview });
    expect(issued.credentials.map((credential) => credential.credentialSubject.attribute)).toEqual([
      'accountCountry',
      'ageBand',
      'incomeBand',
      'customerSince',
    ]);
    const text = JSON.stringify(issued);
    expect(text).not.toContain('1990-04-12');
    expect(text).not.toContain('DE89370400440532013000');
  });

  it('puts a minor in the under-18 band', async () => {
    const holderSecret = createHolderSecret();
    const session = await startIssuance({ issuerUrl: issuer.url, source: 'bank', holderSecret });
    await callback(await approveAtBank(session, { username: 'bram', password: 'sandbox-bram' }));
    const preview = await previewIssuance({ session });
    expect(preview.attributes.find((entry) => entry.attribute === 'ageBand')?.value).toBe(0);
  });

  it('refuses expired, revoked, denied, other-session and other-account consents; nothing issued, log unchanged', async () => {
    const before = await issuer.log.list();
    const holderSecret = createHolderSecret();
    const alice = { username: 'alice', password: 'sandbox-alice' };

    const revoked = await startIssuance({ issuerUrl: issuer.url, source: 'bank', holderSecret });
    await provePossession({ possession: revoked.possession, holderSecret, artifacts });
    await callback(await approveAtBank(revoked, alice));
    await fetch(`${bank.url}sandbox/consents/${consentIdOf(revoked)}/revoke`, { method: 'POST' });
    expect(await codeOf(previewIssuance({ session: revoked }))).toEqual({ code: 'CONSENT_INVALID', field: 'consent' });
    expect((await codeOf(acceptIssuance({ session: revoked, preview: {} as never }))).code).toBe('CONSENT_INVALID');

    const expired = await startIssuance({ issuerUrl: issuer.url, source: 'bank', holderSecret });
    const location = await approveAtBank(expired, alice);
    await fetch(`${bank.url}sandbox/consents/${consentIdOf(expired)}/expire`, { method: 'POST' });
    const expiredBack = await callback(location);
    expect(expiredBack.status).toBe(403);
    expect(expiredBack.body.error).toMatchObject({ code: 'CONSENT_INVALID', field: 'consent' });
    expect((await codeOf(previewIssuance({ session: expired }))).code).toBe('SOURCE_AUTH_FAILED');

    const denied = await startIssuance({ issuerUrl: issuer.url, source: 'bank', holderSecret });
    const deniedBack = await callback(await approveAtBank(denied, alice, 'deny'));
    expect(deniedBack.body.error).toMatchObject({ code: 'CONSENT_INVALID', field: 'consent' });

    // Someone else's approval (its state) brought to this session's callback.
    const mine = await startIssuance({ issuerUrl: issuer.url, source: 'bank', holderSecret });
    const theirs = await startIssuance({ issuerUrl: issuer.url, source: 'bank', holderSecret: createHolderSecret() });
    const theirLocation = new URL(await approveAtBank(theirs, alice));
    const swapped = new URL(`${issuer.url}sessions/${mine.sessionId}/callback`);
    swapped.search = theirLocation.search;
    const swappedBack = await callback(swapped.href);
    expect(swappedBack.body.error).toMatchObject({ code: 'CONSENT_INVALID', field: 'query.state' });

    // A consent read for an account it does not cover.
    const client = createPsd2Client({ bankUrl: bank.url });
    const own = await startIssuance({ issuerUrl: issuer.url, source: 'bank', holderSecret });
    await approveAtBank(own, alice);
    expect(await codeOf(client.accountDetails(consentIdOf(own), 'acc-bram-1'))).toEqual({
      code: 'CONSENT_INVALID',
      field: 'consent.account',
    });

    expect(await issuer.log.list()).toEqual(before);
  });
});
