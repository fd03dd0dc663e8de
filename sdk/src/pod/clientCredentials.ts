// Client credentials for a program acting for the person (the wallet agent), created and revoked
// through the Community Solid Server's account API with the account's email and password.
// Browser-safe: the wallet's settings call it; so do tests. Revoking deletes the credentials, so
// the next login with them is refused (a token already issued lasts until it expires, 600 s).
import { callAccountApi } from './createPodAccount.ts';

export type ClientCredentials = {
  id: string;
  secret: string;
  /** The account API resource of these credentials: DELETE it to revoke them. */
  resource: string;
};

type AccountIndex = {
  controls: { password?: { login?: string }; account?: { clientCredentials?: string } };
};

async function accountToken(params: { baseUrl: string; email: string; password: string }): Promise<string> {
  const index = await callAccountApi<AccountIndex>(new URL('.account/', params.baseUrl).href, {});
  const login = index.controls.password?.login ?? new URL('.account/login/password/', params.baseUrl).href;
  const { authorization } = await callAccountApi<{ authorization: string }>(login, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: params.email, password: params.password }),
  });
  return `CSS-Account-Token ${authorization}`;
}

export async function createClientCredentials(params: {
  baseUrl: string;
  email: string;
  password: string;
  webId: string;
  /** Shown in the account page, e.g. "decdp-wallet-agent". */
  name: string;
}): Promise<ClientCredentials> {
  const authorization = await accountToken(params);
  const index = await callAccountApi<AccountIndex>(new URL('.account/', params.baseUrl).href, {
    headers: { authorization },
  });
  const url = index.controls.account?.clientCredentials ?? '';
  const created = await callAccountApi<{ id: string; secret: string; resource: string }>(url, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ name: params.name, webId: params.webId }),
  });
  return { id: created.id, secret: created.secret, resource: created.resource };
}

export async function deleteClientCredentials(params: {
  baseUrl: string;
  email: string;
  password: string;
  resource: string;
}): Promise<void> {
  const authorization = await accountToken(params);
  await callAccountApi<unknown>(params.resource, { method: 'DELETE', headers: { authorization } });
}
