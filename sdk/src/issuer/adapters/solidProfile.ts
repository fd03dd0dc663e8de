// Solid profile: what the person already keeps in their pod's public WebID profile (vCard country,
// locality, birthday) becomes credentials marked "from your pod" — self-asserted: the person wrote
// it, the issuer only copies it (the birthday as an age band). Signed with a key of its own, so a
// merchant can tell these from a bank's. Only WebIDs on the pod servers the issuer lists are read
// (the issuer fetches nothing else).
import { getDate, getSolidDataset, getStringNoLocale, getThing, getUrl } from '@inrupt/solid-client';
import { z } from 'zod';
import { SourceAuthenticationError, SourceUnavailableError } from '../../errors/index.ts';
import type { PreviewAttribute } from '../../protocol/issuance.ts';
import { parseWith } from '../../protocol/parse.ts';
import { AGE_BANDS, ageInYears, bandFloor, describeBand } from '../bands.ts';
import { type AnyIssuerAdapter, defineAdapter } from './adapter.ts';

const VCARD = 'http://www.w3.org/2006/vcard/ns#';

type Profile = { country: string | undefined; locality: string | undefined; birthDate: string | undefined };

const signInBody = z.object({ webId: z.string().url().max(500) }).strict();

/** @since 0.2.0 */
export function createSolidProfileAdapter(params: {
  /** Pod server origins whose WebIDs may be read, e.g. ['http://localhost:3000']. */
  podOrigins: readonly string[];
  validForSeconds?: number;
  fetch?: typeof fetch;
}): AnyIssuerAdapter {
  const origins = new Set(params.podOrigins.map((origin) => new URL(origin).origin));
  return defineAdapter<{ webId: string }, Profile>({
    id: 'solid-profile',
    name: 'Your pod profile',
    description:
      'Copied from your pod’s public profile (country, city, birthday as an age band): self-asserted, from your pod.',
    selfAsserted: true,
    attributes: ['countryOfResidence', 'city', 'ageBand'],
    validForSeconds: params.validForSeconds ?? 365 * 86_400,
    startAuthentication: async () => ({
      kind: 'form',
      fields: [{ name: 'webId', label: 'Your WebID', secret: false }],
    }),
    authenticate: async (_session, input) => {
      const { webId } = parseWith(signInBody, input.body, 'body');
      if (!origins.has(new URL(webId).origin)) {
        throw new SourceAuthenticationError('This issuer reads profiles on its listed pod servers only.', {
          field: 'body.webId',
        });
      }
      return { webId };
    },
    renewal: {
      grantFor: ({ webId }, now) => ({ data: { webId }, until: now + 365 * 86_400 }),
      resume: async ({ webId = '' }) => ({ webId }),
    },
    read: async ({ webId }) => {
      let thing: ReturnType<typeof getThing>;
      try {
        const dataset = await getSolidDataset(webId.split('#')[0] as string, {
          ...(params.fetch ? { fetch: params.fetch } : {}),
        });
        thing = getThing(dataset, webId);
        if (!thing) throw new Error('no WebID in the profile document');
        const addressUrl = getUrl(thing, `${VCARD}hasAddress`);
        const address = addressUrl ? getThing(dataset, addressUrl) : null;
        const birthday = getDate(thing, `${VCARD}bday`) ?? undefined;
        return {
          country: (address && getStringNoLocale(address, `${VCARD}country-name`)) ?? undefined,
          locality: (address && getStringNoLocale(address, `${VCARD}locality`)) ?? undefined,
          birthDate: birthday?.toISOString().slice(0, 10) ?? getStringNoLocale(thing, `${VCARD}bday`) ?? undefined,
        };
      } catch (cause) {
        throw new SourceUnavailableError('The pod profile could not be read.', { field: 'body.webId', cause });
      }
    },
    derive: (profile, now) => {
      const out: PreviewAttribute[] = [];
      if (profile.country) {
        out.push({
          attribute: 'countryOfResidence',
          value: profile.country,
          description: `country ${profile.country} (you wrote it in your pod)`,
        });
      }
      if (profile.locality) {
        out.push({
          attribute: 'city',
          value: profile.locality,
          description: `city ${profile.locality} (you wrote it in your pod)`,
        });
      }
      if (profile.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(profile.birthDate)) {
        const band = bandFloor(ageInYears(profile.birthDate, now), AGE_BANDS);
        out.push({
          attribute: 'ageBand',
          value: band,
          description: `age ${describeBand(band, AGE_BANDS)} (from the birthday in your pod)`,
        });
      }
      return out;
    },
  });
}
