// The person's offer opt-outs live in their own pod (/decdp/offer-opt-outs.json), against a real
// Community Solid Server: what one device writes, a second device (another login) reads; "use
// again" removes it everywhere; nobody else — another account, an anonymous reader — can read or
// write the list, and a malformed list is refused naming the field. The wallet's other own documents
// read the same way: one nobody wrote yet is empty, a refusal is never taken for absence.
import { randomBytes } from 'node:crypto';
import { PodError } from '@decdp/sdk/errors';
import { createPodAccount, ensureDecdpContainers, type PodAccount, writeJsonDocument } from '@decdp/sdk/pod';
import { loginWithClientCredentials, type PodSession } from '@decdp/sdk/pod/node';
import {
  offerOptOutsUrl,
  readAgentControl,
  readOfferOptOuts,
  readRewardAccounts,
  readWalletBackup,
  setOfferOptOut,
} from '@decdp/sdk/wallet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SolidServer } from '../../scripts/system/startSolidServer.ts';
import { sharedSolidServer } from '../system/sharedSystem.ts';

let server: SolidServer;
/** The project's Solid server is shared: this file's accounts have names of their own. */
const suffix = `-${randomBytes(4).toString('hex')}`;
let alice: PodAccount;
let bob: PodAccount;
let laptop: PodSession;
let phone: PodSession;
let bobSession: PodSession;

beforeAll(async () => {
  server = await sharedSolidServer();
  const account = (name: string) =>
    createPodAccount({
      baseUrl: server.baseUrl,
      email: `${name}${suffix}@decdp.test`,
      password: `${name}-pw-123`,
      podName: `${name}${suffix}`,
    });
  [alice, bob] = [await account('alice'), await account('bob')];
  const login = (person: PodAccount) =>
    loginWithClientCredentials({
      oidcIssuer: server.baseUrl,
      clientId: person.clientId,
      clientSecret: person.clientSecret,
    });
  // Two logins of one person: two devices.
  [laptop, phone, bobSession] = [await login(alice), await login(alice), await login(bob)];
  await ensureDecdpContainers({ podUrl: alice.podUrl, webId: laptop.webId, fetch: laptop.fetch });
}, 120_000);
afterAll(async () => {
  await laptop?.logout();
  await phone?.logout();
  await bobSession?.logout();
  await server?.stop();
});

describe('offer opt-outs in the pod', () => {
  it('follow the person to another device, and "use again" removes them everywhere', async () => {
    const podUrl = alice.podUrl;
    expect(await readOfferOptOuts({ podUrl, fetch: phone.fetch })).toEqual([]);
    await setOfferOptOut({ podUrl, fetch: laptop.fetch, interest: 'predicate:age ≥ 18', optedOut: true });
    await setOfferOptOut({ podUrl, fetch: laptop.fetch, interest: 'mask:new-cyclist', optedOut: true });
    // The same opt-out twice is kept once.
    await setOfferOptOut({ podUrl, fetch: phone.fetch, interest: 'mask:new-cyclist', optedOut: true });
    expect(await readOfferOptOuts({ podUrl, fetch: phone.fetch })).toEqual(['predicate:age ≥ 18', 'mask:new-cyclist']);
    await setOfferOptOut({ podUrl, fetch: phone.fetch, interest: 'predicate:age ≥ 18', optedOut: false });
    expect(await readOfferOptOuts({ podUrl, fetch: laptop.fetch })).toEqual(['mask:new-cyclist']);
  });

  it('are the owner’s only: another account or an anonymous reader can neither read nor write them', async () => {
    const url = offerOptOutsUrl(alice.podUrl);
    const error = await readOfferOptOuts({ podUrl: alice.podUrl, fetch: bobSession.fetch }).catch((caught) => caught);
    expect(error).toBeInstanceOf(PodError);
    expect([401, 403]).toContain((error as PodError).status);
    expect([401, 403]).toContain((await fetch(url)).status);
    const written = await setOfferOptOut({
      podUrl: alice.podUrl,
      fetch: bobSession.fetch,
      interest: 'page:/x',
      optedOut: true,
    }).catch((caught) => caught);
    expect(written).toBeInstanceOf(PodError);
    expect(await readOfferOptOuts({ podUrl: alice.podUrl, fetch: laptop.fetch })).toEqual(['mask:new-cyclist']);
  });

  it('refuses a malformed interest or list, naming the field', async () => {
    await expect(
      setOfferOptOut({ podUrl: alice.podUrl, fetch: laptop.fetch, interest: 'age=34', optedOut: true }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'interest' });
    await writeJsonDocument({
      url: offerOptOutsUrl(alice.podUrl),
      data: { version: 1, type: 'decdp.offer-opt-outs', interests: ['age=34'] },
      fetch: laptop.fetch,
    });
    await expect(readOfferOptOuts({ podUrl: alice.podUrl, fetch: phone.fetch })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'offerOptOuts.interests[0]',
    });
  });
});

describe('the wallet’s other own documents in the pod', () => {
  it('read as empty before anyone wrote them, and a refusal is never taken for absence', async () => {
    const podUrl = alice.podUrl;
    expect(await readRewardAccounts({ podUrl, fetch: laptop.fetch })).toEqual([]);
    expect(await readWalletBackup({ podUrl, fetch: laptop.fetch })).toBeNull();
    expect(await readAgentControl({ podUrl, fetch: laptop.fetch })).toBeNull();
    for (const read of [readRewardAccounts, readWalletBackup, readAgentControl]) {
      const error = await read({ podUrl, fetch: bobSession.fetch }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PodError);
      expect([401, 403]).toContain((error as PodError).status);
    }
  });
});
