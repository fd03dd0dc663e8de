// A person's wallet in a pod, as `npm start` seeds the demo person: the DeCDP containers, the
// wallet document (the commitment and reward address of the recovery phrase, never the secret) and
// the demo issuer's credentials for that phrase's holder secret. Tests that share one running
// system seed a fresh person of their own with it (test/sharedSystem.ts).
import {
  createPodAccount,
  ensureDecdpContainers,
  listContainer,
  type PodAccount,
  readJsonDocument,
  writeJsonDocument,
} from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import { makeHolder } from '@decdp/sdk/testing';
import { type WalletKeys, walletDocumentFor, walletKeysFromPhrase } from '@decdp/sdk/wallet';

/** Fills the account's pod for the recovery phrase's wallet; keeps what an earlier start wrote. */
export async function seedWallet(params: {
  solidUrl: string;
  account: PodAccount;
  recoveryPhrase: string;
}): Promise<WalletKeys> {
  const { account } = params;
  const session = await loginWithClientCredentials({
    oidcIssuer: params.solidUrl,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
  });
  try {
    const pod = await ensureDecdpContainers({ podUrl: account.podUrl, webId: session.webId, fetch: session.fetch });
    // The wallet's keys come from its recovery phrase; the pod holds only the commitment.
    const keys = await walletKeysFromPhrase(params.recoveryPhrase);
    const existing = await readJsonDocument({ url: pod.wallet, fetch: session.fetch }).catch(() => null);
    const newWallet = !existing || (existing as { version?: number }).version !== 2;
    if (newWallet) {
      await writeJsonDocument({ url: pod.wallet, data: walletDocumentFor(keys), fetch: session.fetch });
    }
    if (newWallet || (await listContainer({ url: pod.credentials, fetch: session.fetch })).length === 0) {
      const person = await makeHolder({ holderSecret: keys.holderSecret });
      for (const credential of person.credentials) {
        const id = credential.credentialSubject.attribute;
        await writeJsonDocument({ url: `${pod.credentials}${id}.json`, data: credential, fetch: session.fetch });
      }
    }
    return keys;
  } finally {
    await session.logout();
  }
}

/** A new account and pod with a seeded wallet: the demo person's credentials under another name and secret. */
export async function seedPerson(params: {
  solidUrl: string;
  person: { email: string; password: string; podName: string };
  recoveryPhrase: string;
}): Promise<{ account: PodAccount; keys: WalletKeys }> {
  const account = await createPodAccount({ baseUrl: params.solidUrl, ...params.person });
  const keys = await seedWallet({ solidUrl: params.solidUrl, account, recoveryPhrase: params.recoveryPhrase });
  return { account, keys };
}
