// The Solid profile adapter against a real Community Solid Server: the person writes vCard
// country, locality and birthday into their WebID profile; the issuer copies them as credentials
// marked self-asserted (the birthday as an age band); a WebID on another server is not read.

import { createIssuerKey } from '@decdp/sdk/issuer';
import { createSolidProfileAdapter } from '@decdp/sdk/issuer/node';
import { createPodAccount } from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import {
  acceptIssuance,
  authenticateAtSource,
  createHolderSecret,
  previewIssuance,
  provePossession,
  startIssuance,
} from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { type CredentialArtifacts, loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { buildThing, createThing, getSolidDataset, getThing, saveSolidDatasetAt, setThing } from '@inrupt/solid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SolidServer } from '../../scripts/system/startSolidServer.ts';
import { sharedSolidServer } from '../system/sharedSystem.ts';
import { codeOf, startTestIssuer, type TestIssuer } from './issuerSetup.ts';

const VCARD = 'http://www.w3.org/2006/vcard/ns#';
let artifacts: CredentialArtifacts;
let solid: SolidServer;
let issuer: TestIssuer;
let webId: string;

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  solid = await sharedSolidServer();
  const account = await createPodAccount({
    baseUrl: solid.baseUrl,
    email: 'profile@decdp.test',
    password: 'profile-pw-123',
    podName: 'profile',
  });
  const session = await loginWithClientCredentials({
    oidcIssuer: solid.baseUrl,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
  });
  webId = account.webId;
  // The person writes their vCard into their own profile.
  const profileUrl = webId.split('#')[0] as string;
  let dataset = await getSolidDataset(profileUrl, { fetch: session.fetch });
  const address = buildThing(createThing({ name: 'address' }))
    .addStringNoLocale(`${VCARD}country-name`, 'NL')
    .addStringNoLocale(`${VCARD}locality`, 'Utrecht')
    .build();
  dataset = setThing(dataset, address);
  const me = buildThing(getThing(dataset, webId) ?? createThing({ url: webId }))
    .addUrl(`${VCARD}hasAddress`, `${profileUrl}#address`)
    .addDate(`${VCARD}bday`, new Date('1985-07-01T00:00:00Z'))
    .build();
  dataset = setThing(dataset, me);
  await saveSolidDatasetAt(profileUrl, dataset, { fetch: session.fetch });
  await session.logout?.();
  issuer = await startTestIssuer({
    verificationKey: artifacts.verificationKey,
    sources: async () => [
      {
        adapter: createSolidProfileAdapter({ podOrigins: [solid.baseUrl] }),
        issuer: { ...(await createIssuerKey()), name: 'From your pod' },
      },
    ],
  });
});
afterAll(async () => {
  await issuer?.stop();
  await solid?.stop();
  await releaseProverThreads();
});

describe('Solid profile adapter', () => {
  it('copies the vCard as self-asserted credentials, the birthday as an age band', async () => {
    const holderSecret = createHolderSecret();
    const session = await startIssuance({ issuerUrl: issuer.url, source: 'solid-profile', holderSecret });
    await provePossession({ possession: session.possession, holderSecret, artifacts });
    await authenticateAtSource({ session, body: { webId } });
    const preview = await previewIssuance({ session });
    expect(preview.source.selfAsserted).toBe(true);
    expect(preview.attributes.map(({ attribute, value }) => [attribute, value])).toEqual([
      ['countryOfResidence', 'NL'],
      ['city', 'Utrecht'],
      ['ageBand', 35],
    ]);
    const issued = await acceptIssuance({ session, preview });
    expect(issued.provenance.selfAsserted).toBe(true);
    expect(issued.credentials.every((credential) => credential.decdp.selfDeclared)).toBe(true);
    // The birthday itself is nowhere, as a date or a timestamp (a bare "1985" can occur by chance in
    // the random nonces and signatures).
    const text = JSON.stringify(issued);
    for (const birthday of ['1985-07-01', '"1985"', ':1985,', '489024000']) expect(text).not.toContain(birthday);
  });

  it('reads no WebID outside the listed pod servers', async () => {
    const session = await startIssuance({
      issuerUrl: issuer.url,
      source: 'solid-profile',
      holderSecret: createHolderSecret(),
    });
    expect(
      await codeOf(authenticateAtSource({ session, body: { webId: 'http://169.254.169.254/latest#me' } })),
    ).toEqual({
      code: 'SOURCE_AUTH_FAILED',
      field: 'body.webId',
    });
  });
});
