// /decdp/offer-opt-outs.json: the interests the person asked never to be used for offers ("stop
// using that I proved age ≥ 18", "stop using the mask new-cyclist"), kept in their own pod so they
// follow the person to every device; the wallet sends them with every offer request, so an opt-out
// removes every offer chosen with that interest, at every shop (docs/offers.md § Opt-out). The
// document sits beside the wallet's other state under the owner-only /decdp/ root.
import { z } from 'zod';
import { type Interest, parseInterest } from '../offers/offerInterests.ts';
import { type PodFetch, readJsonDocumentIfExists, writeJsonDocument } from '../pod/documents.ts';
import { decdpUrls } from '../pod/layout.ts';
import { parseWith } from '../protocol/parse.ts';

export const offerOptOutsSchema = z
  .object({
    version: z.literal(1),
    type: z.literal('decdp.offer-opt-outs'),
    interests: z
      .array(
        z.string().transform((value, context) => {
          try {
            return parseInterest(value, 'interest');
          } catch {
            context.addIssue({ code: 'custom', message: 'must be "page:…", "keyword:…", "predicate:…" or "mask:…"' });
            return z.NEVER;
          }
        }),
      )
      .max(1000),
  })
  .strict();

/** @since 0.2.0 */
export const offerOptOutsUrl = (podUrl: string) => `${decdpUrls(podUrl).root}offer-opt-outs.json`;

/**
 * The opt-outs kept in the pod; none when the document does not exist yet.
 * @since 0.2.0
 */
export async function readOfferOptOuts(params: { podUrl: string; fetch: PodFetch }): Promise<Interest[]> {
  const document = await readJsonDocumentIfExists({ url: offerOptOutsUrl(params.podUrl), fetch: params.fetch });
  return document === undefined ? [] : parseWith(offerOptOutsSchema, document, 'offerOptOuts').interests;
}

/**
 * Opts out of an interest (`optedOut: true`) or back in (`false`) in the pod's list: read, change,
 * write only when something changed. Returns the whole list.
 * @since 0.2.0
 */
export async function setOfferOptOut(params: {
  podUrl: string;
  fetch: PodFetch;
  interest: string;
  optedOut: boolean;
}): Promise<Interest[]> {
  const interest = parseInterest(params.interest, 'interest');
  const known = await readOfferOptOuts(params);
  const next = params.optedOut
    ? known.includes(interest)
      ? known
      : [...known, interest]
    : known.filter((value) => value !== interest);
  if (next.length === known.length) return known;
  await writeJsonDocument({
    url: offerOptOutsUrl(params.podUrl),
    data: { version: 1, type: 'decdp.offer-opt-outs', interests: next },
    fetch: params.fetch,
  });
  return next;
}
