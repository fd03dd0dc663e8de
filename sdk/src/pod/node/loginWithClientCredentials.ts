// Non-interactive login to a Solid server with client credentials (Node only).
import { Session } from '@inrupt/solid-client-authn-node';
import { PodError } from '../../errors/index.ts';
import type { PodFetch } from '../documents.ts';

export type PodSession = {
  webId: string;
  /** An authenticated fetch that logs in again when the token has expired. */
  fetch: PodFetch;
  logout(): Promise<void>;
};

/**
 * Logs in with client credentials. Their tokens last 600 s on the Community Solid Server and
 * cannot be refreshed, so the returned fetch logs in again before an expired token is used and
 * retries once on 401 (only bodies that can be sent twice: strings, buffers, none).
 */
export async function loginWithClientCredentials(params: {
  oidcIssuer: string;
  clientId: string;
  clientSecret: string;
}): Promise<PodSession> {
  let session = await login(params);
  const webId = session.info.webId;
  if (!webId) throw new PodError(`Login at ${params.oidcIssuer} returned no WebID.`);

  let relogin: Promise<Session> | undefined;
  const renew = () => {
    relogin ??= login(params).finally(() => {
      relogin = undefined;
    });
    return relogin;
  };
  const expired = () => {
    const expiry = session.info.expirationDate;
    return expiry !== undefined && expiry - 5_000 < Date.now();
  };

  const podFetch: PodFetch = async (input, init) => {
    if (expired()) session = await renew();
    const response = await session.fetch(input, init);
    const body = init?.body;
    const replayable = body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
    if (response.status !== 401 || !replayable) return response;
    await response.body?.cancel();
    session = await renew();
    return session.fetch(input, init);
  };

  return { webId, fetch: podFetch, logout: () => session.logout() };
}

async function login(params: { oidcIssuer: string; clientId: string; clientSecret: string }): Promise<Session> {
  const session = new Session();
  try {
    await session.login({ ...params, tokenType: 'DPoP' });
  } catch (cause) {
    throw new PodError(`Login at ${params.oidcIssuer} failed.`, {
      cause,
      hint: 'Check the client id and secret (created in the account page of the Solid server).',
    });
  }
  if (!session.info.isLoggedIn) throw new PodError(`Login at ${params.oidcIssuer} did not complete.`);
  return session;
}
