import { PodError } from '../errors/index.ts';
import type { PodFetch } from '../pod/documents.ts';
import { parseSignedRequest, type SignedRequest } from '../protocol/request.ts';

/**
 * Appends a signed request to a person's pod inbox (their open /decdp/inbox/ or the inbox they
 * opened for this merchant) with the merchant's own Solid login (`loginWithClientCredentials`).
 * The merchant can only append: it cannot read the inbox back, list it or change anything.
 * Returns the URL of the delivered document.
 * @example
 * const session = await loginWithClientCredentials({ oidcIssuer, clientId, clientSecret });
 * await deliverRequest({ inbox: 'https://pod.example/anna/decdp/inbox/', signedRequest, fetch: session.fetch });
 * @since 0.2.0
 */
export async function deliverRequest(params: {
  inbox: string;
  signedRequest: SignedRequest;
  fetch: PodFetch;
}): Promise<string> {
  const signed = parseSignedRequest(params.signedRequest);
  if (!params.inbox.endsWith('/')) {
    throw new PodError(`${params.inbox} is not an inbox (a container URL ends with "/").`, { field: 'inbox' });
  }
  let response: Response;
  try {
    response = await params.fetch(params.inbox, {
      method: 'POST',
      headers: { 'content-type': 'application/json', slug: `${signed.request.id}.json` },
      body: JSON.stringify(signed),
    });
  } catch (cause) {
    throw new PodError(`The inbox ${params.inbox} could not be reached.`, { cause, field: 'inbox' });
  }
  await response.body?.cancel();
  if (!response.ok) {
    throw new PodError(`The inbox ${params.inbox} refused the request (${response.status}).`, {
      status: response.status,
      field: 'inbox',
      hint:
        response.status === 404
          ? 'The person has closed this inbox.'
          : response.status === 401
            ? 'Log in to the Solid server first (client credentials).'
            : undefined,
    });
  }
  const location = response.headers.get('location');
  return location ? new URL(location, params.inbox).href : params.inbox;
}
