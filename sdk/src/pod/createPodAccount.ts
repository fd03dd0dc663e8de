// An account, a pod and client credentials on a Community Solid Server, through its account JSON
// API (/.account/, following `controls`). Used to seed the demo person and by tests.
import { PodError } from '../errors/index.ts';

export type PodAccount = {
  webId: string;
  podUrl: string;
  /** Client credentials for non-interactive login (scripts, tests, standing policies). */
  clientId: string;
  clientSecret: string;
};

type Controls = {
  password: { create: string };
  account: { pod: string; clientCredentials: string };
};

export async function createPodAccount(params: {
  baseUrl: string;
  email: string;
  password: string;
  podName: string;
}): Promise<PodAccount> {
  const created = await call<{ authorization: string }>(new URL('.account/account/', params.baseUrl).href, {
    method: 'POST',
  });
  const authorization = `CSS-Account-Token ${created.authorization}`;
  // No content-type on GET: the server answers 400 to a GET that claims a body.
  const index = await call<{ controls: Controls }>(new URL('.account/', params.baseUrl).href, {
    headers: { authorization },
  });
  const post = <T>(url: string, body: unknown) =>
    call<T>(url, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await post(index.controls.password.create, { email: params.email, password: params.password });
  const pod = await post<{ pod: string; webId: string }>(index.controls.account.pod, { name: params.podName });
  const client = await post<{ id: string; secret: string }>(index.controls.account.clientCredentials, {
    name: `decdp-${params.podName}`,
    webId: pod.webId,
  });
  return { webId: pod.webId, podUrl: pod.pod, clientId: client.id, clientSecret: client.secret };
}

async function call<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    throw new PodError(`The Solid server could not be reached at ${url}.`, { cause });
  }
  const text = await response.text();
  if (!response.ok) {
    // The account API answers errors as JSON with a `message`.
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {}
    throw new PodError(`The Solid server refused ${init.method ?? 'GET'} ${url} (${response.status}): ${message}`, {
      status: response.status,
    });
  }
  // DELETE answers with no body.
  return (text ? JSON.parse(text) : null) as T;
}

/** The account API's one HTTP call (also used by clientCredentials.ts). */
export { call as callAccountApi };
