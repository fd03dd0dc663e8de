// The merchant service's offer routes as the Offers screen calls them (docs/offers.md § Serving
// offers): the operator view and the definitions, with the operator's bearer token.
import type { OfferDefinition, OfferDeskView } from '@decdp/sdk/merchant';
import { RemoteError } from '../../shared/errors.ts';

export type { OfferDefinition, OfferDeskView };

export type OfferContextInput = {
  id: string;
  impressions: number;
  page?: string;
  keywords?: string[];
  provenPredicates?: string[];
  maskId?: string;
};

async function operatorCall(base: string, token: string, path: string, body?: unknown): Promise<OfferDeskView> {
  let response: Response;
  try {
    response = await fetch(new URL(path, base), {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new RemoteError({
      code: 'NETWORK',
      message: `The merchant service at ${base} could not be reached.`,
      hint: 'Check that it is running (`npm start` starts it), then reload.',
    });
  }
  const json = (await response.json().catch(() => null)) as
    | (OfferDeskView & { error?: undefined })
    | { error: { code: string; message: string; hint?: string; field?: string } }
    | null;
  if (!response.ok || !json || json.error) {
    throw new RemoteError(
      json?.error ?? { code: 'HTTP', message: `The merchant service answered HTTP ${response.status}.` },
    );
  }
  return json as OfferDeskView;
}

export const readOffers = (base: string, token: string) => operatorCall(base, token, 'operator/offers');
export const putOffer = (base: string, token: string, offer: OfferDefinition) =>
  operatorCall(base, token, 'operator/offers', offer);
export const putOfferContext = (base: string, token: string, context: OfferContextInput) =>
  operatorCall(base, token, 'operator/offer-contexts', context);
export const resolveOffers = (base: string, token: string) => operatorCall(base, token, 'operator/offers/resolve', {});
