// Durable issuer sessions: the issuer service keeps its possession challenges, sessions and keys in
// node:sqlite, so a flow half done when it restarts goes on with the new process — and nothing is
// issued twice: an accepted session stays spent across a restart and under two accepts at once;
// sessions still time out. Real HTTP, the PSD2 sandbox bank, restarts on the same port and files.
import { createIssuerKey } from '@decdp/sdk/issuer';
import { createBankAdapter } from '@decdp/sdk/issuer/node';
import {
  acceptIssuance,
  checkCredential,
  createHolderSecret,
  type IssuanceSession,
  previewIssuance,
  provePossession,
  requestPossession,
  startIssuance,
  subjectCommitment,
} from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { type CredentialArtifacts, loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandboxBank, startSandboxBank } from '../../scripts/system/sandboxBank/startSandboxBank.ts';
import { approveAtBank, callback, codeOf, startTestIssuer, type TestIssuer } from './issuerSetup.ts';

let artifacts: CredentialArtifacts;
let bank: RunningSandboxBank;
let issuer: TestIssuer;
const alice = { username: 'alice', password: 'sandbox-alice' };

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  bank = await startSandboxBank();
  const key = await createIssuerKey();
  issuer = await startTestIssuer({
    verificationKey: artifacts.verificationKey,
    sources: async () => [
      { adapter: createBankAdapter({ bankName: 'Sandbox Bank', bankUrl: bank.url }), issuer: { ...key, name: 'Bank' } },
    ],
  });
});
afterAll(async () => {
  await issuer?.stop();
  await bank?.stop();
  await releaseProverThreads();
});

const entriesFor = async (commitment: bigint) =>
  (await issuer.log.list()).filter((entry) => entry.subjectCommitment === commitment.toString());

async function signedInAtBank(holderSecret: bigint): Promise<IssuanceSession> {
  const session = await startIssuance({ issuerUrl: issuer.url, source: 'bank', holderSecret });
  expect((await callback(await approveAtBank(session, alice))).status).toBe(200);
  return session;
}

describe('issuer sessions across a restart', () => {
  it('goes on with a flow the old process began, and issues it once', async () => {
    const holderSecret = createHolderSecret();
    const commitment = await subjectCommitment(holderSecret);
    // Challenge asked of the old process, proved to the new one (the challenge key is kept).
    const possession = await requestPossession({ issuerUrl: issuer.url, holderSecret });
    await issuer.restart();
    await provePossession({ possession, holderSecret, artifacts });
    // Signed in at the bank with the second process; the third previews and accepts.
    const session = await startIssuance({ issuerUrl: issuer.url, source: 'bank', holderSecret, possession });
    expect((await callback(await approveAtBank(session, alice))).status).toBe(200);
    await issuer.restart();
    const preview = await previewIssuance({ session });
    expect(preview.attributes.map((entry) => entry.attribute)).toEqual([
      'accountCountry',
      'ageBand',
      'incomeBand',
      'customerSince',
    ]);
    await issuer.restart();
    const issued = await acceptIssuance({ session, preview });
    for (const credential of issued.credentials)
      await checkCredential({ input: credential, subjectCommitment: commitment });
    expect(await entriesFor(commitment)).toHaveLength(4);

    // Spent, also for the next process: the replay issues nothing and leaves the log as it was.
    const logged = await issuer.log.list();
    await issuer.restart();
    expect(await codeOf(acceptIssuance({ session, preview }))).toEqual({ code: 'SESSION_EXPIRED', field: 'id' });
    // The possession served that session; it cannot serve another one.
    expect(await codeOf(startIssuance({ issuerUrl: issuer.url, source: 'bank', holderSecret, possession }))).toEqual({
      code: 'POSSESSION_NOT_PROVEN',
      field: 'body.possessionId',
    });
    expect(await issuer.log.list()).toEqual(logged);
  });

  it('issues once when two accepts of one session arrive together', async () => {
    const holderSecret = createHolderSecret();
    const commitment = await subjectCommitment(holderSecret);
    const session = await signedInAtBank(holderSecret);
    await provePossession({ possession: session.possession, holderSecret, artifacts });
    const preview = await previewIssuance({ session });
    const results = await Promise.allSettled([
      acceptIssuance({ session, preview }),
      acceptIssuance({ session, preview }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(await entriesFor(commitment)).toHaveLength(4);
  });

  it('lets sessions and challenges time out, also across a restart', async () => {
    const holderSecret = createHolderSecret();
    const session = await signedInAtBank(holderSecret);
    await provePossession({ possession: session.possession, holderSecret, artifacts });
    const unused = await requestPossession({ issuerUrl: issuer.url, holderSecret });
    const before = await issuer.log.list();
    // Eleven minutes on: the session (ten minutes) is over, and so is the unused challenge.
    await issuer.restart({ now: () => Math.floor(Date.now() / 1000) + 11 * 60 });
    try {
      expect(await codeOf(previewIssuance({ session }))).toEqual({ code: 'SESSION_EXPIRED', field: 'id' });
      expect(await codeOf(acceptIssuance({ session, preview: {} as never }))).toEqual({
        code: 'SESSION_EXPIRED',
        field: 'id',
      });
      expect(
        await codeOf(startIssuance({ issuerUrl: issuer.url, source: 'bank', holderSecret, possession: unused })),
      ).toEqual({ code: 'POSSESSION_NOT_PROVEN', field: 'body.possessionId' });
      expect(await issuer.log.list()).toEqual(before);
    } finally {
      await issuer.restart();
    }
  });
});
