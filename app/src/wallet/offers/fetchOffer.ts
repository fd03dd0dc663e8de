// One offer from a merchant service's public GET /offers, for the context the wallet gives (what
// the merchant already has: the predicates the person proved to it, a mask) minus every interest
// the person opted out of; and the click and opt-out reports (docs/offers.md).
import type { Interest, OfferExplanation } from '@decdp/sdk/offers';
import { RemoteError } from '../../shared/errors.ts';

/** What GET /offers answers when it shows something. */
export type OfferForPerson = {
  impressionId: string;
  offer: { id: string; title: string; creative: string; link: string };
  explanation: OfferExplanation;
  interests: Interest[];
};

export type OfferContextGiven = { predicates?: readonly string[]; maskId?: string };

async function call(url: URL, init?: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new RemoteError({ code: 'NETWORK', message: `The merchant service at ${url.origin} could not be reached.` });
  }
  const json = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!response.ok || !json || json.error) {
    throw new RemoteError(
      json?.error ?? { code: 'HTTP', message: `The merchant service answered HTTP ${response.status}.` },
    );
  }
  return json;
}

/** The offer for this context, or null when the merchant has none that uses nothing opted out. */
export async function fetchOffer(params: {
  service: string;
  context: OfferContextGiven;
  optOuts: readonly Interest[];
}): Promise<OfferForPerson | null> {
  const url = new URL('offers', params.service);
  for (const predicate of params.context.predicates ?? []) url.searchParams.append('predicate', predicate);
  if (params.context.maskId) url.searchParams.set('mask', params.context.maskId);
  for (const interest of params.optOuts) url.searchParams.append('optOut', interest);
  const served = (await call(url, { cache: 'no-store' })) as OfferForPerson | { offer: null };
  if (!served.offer) return null;
  const offer = served as OfferForPerson;
  // The wallet checks what the merchant says it used: only what the wallet gave, nothing opted out.
  const given = new Set<string>([
    ...(params.context.predicates ?? []).map((predicate) => `predicate:${predicate}`),
    ...(params.context.maskId ? [`mask:${params.context.maskId}`] : []),
  ]);
  if (offer.interests.some((interest) => !given.has(interest) || params.optOuts.includes(interest))) return null;
  return offer;
}

export async function reportOfferClick(params: { service: string; impressionId: string }): Promise<void> {
  await call(new URL('offers/clicks', params.service), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ impressionId: params.impressionId }),
  });
}

/** Tells the merchant to stop using an interest for the pseudonym it knows this person by. */
export async function sendOptOut(params: { service: string; pseudonym: string; interest: Interest }): Promise<void> {
  await call(new URL('offers/opt-outs', params.service), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pseudonym: params.pseudonym, interest: params.interest }),
  });
}
