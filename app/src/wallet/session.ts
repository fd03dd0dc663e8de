// Logging in to the person's Solid server (OIDC, authorization code + PKCE, in the browser).
//
// 1. `startLogin` sends the browser to the Solid server's login page; it comes back to this page
//    (`redirectUrl` = the page's own URL without query) with `?code=…&state=…`.
// 2. On every page load `restoreSession` calls `handleIncomingRedirect`, which trades the code for
//    tokens (and removes it from the address bar), or, with `restorePreviousSession`, silently
//    re-authenticates a person who logged in before (one more round trip to the server).
// The session's `fetch` then carries the DPoP-bound access token to the pod.
import {
  fetch as authenticatedFetch,
  getDefaultSession,
  handleIncomingRedirect,
  login,
  logout,
} from '@inrupt/solid-client-authn-browser';

export type SessionState = { webId: string; fetch: typeof globalThis.fetch };

let restoring: Promise<SessionState | null> | undefined;

/** Completes a login redirect or restores the previous session; null when logged out. Once per page. */
export function restoreSession(): Promise<SessionState | null> {
  restoring ??= handleIncomingRedirect({ restorePreviousSession: true, url: window.location.href }).then((info) =>
    info?.isLoggedIn && info.webId ? { webId: info.webId, fetch: authenticatedFetch as typeof globalThis.fetch } : null,
  );
  return restoring;
}

export function pageUrl(): string {
  return new URL(window.location.pathname, window.location.origin).href;
}

export async function startLogin(params: { oidcIssuer: string }): Promise<void> {
  await login({ oidcIssuer: params.oidcIssuer, redirectUrl: pageUrl(), clientName: 'DeCDP wallet' });
}

export async function endSession(): Promise<void> {
  restoring = undefined;
  await logout();
}

export function currentWebId(): string | undefined {
  return getDefaultSession().info.webId;
}
