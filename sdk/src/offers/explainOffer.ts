// "Why this offer": the plain words the wallet shows, built only from the explanation's own fields.
import type { CtrEstimate, OfferContext, OfferReason } from './types.ts';

const percent = (value: number) => `${(Math.round(value * 1000) / 10).toString()} %`;
const quoted = (values: readonly string[]) => values.map((value) => `“${value}”`).join(', ');

/** The context in words: "on /bikes, after you searched “helmet”, because you proved “age ≥ 18”". */
export function describeContext(context: OfferContext): string {
  const parts: string[] = [];
  if (context.page) parts.push(`on ${context.page}`);
  if (context.keywords?.length) parts.push(`after you searched ${quoted(context.keywords)}`);
  if (context.provenPredicates?.length) parts.push(`because you chose to prove ${quoted(context.provenPredicates)}`);
  if (context.maskId) parts.push(`while you wear the mask “${context.maskId}”`);
  return parts.length ? parts.join(', ') : 'in this place on the site';
}

export function explanationText(parameters: {
  offerTitle: string;
  context: OfferContext;
  estimate: CtrEstimate;
  reason: OfferReason;
  share: number;
  floorShare: number;
}): string {
  const { offerTitle, context, estimate, reason, share, floorShare } = parameters;
  const evidence =
    estimate.impressions > 0
      ? `${Math.round(estimate.clicks)} clicks in ${Math.round(estimate.impressions)} displays so far`
      : 'no displays yet, so the starting guess';
  const why =
    reason === 'rental floor'
      ? `It is a paid placement: the advertiser rents at least ${percent(floorShare)} of the displays here.`
      : reason === 'exploration floor'
        ? `It is shown to keep learning: it keeps at least ${percent(floorShare)} of the displays here, a floor every offer gets so its click estimate stays current (the floor shrinks as its displays grow).`
        : `It has the most expected clicks here among offers with display quota left (it gets ${percent(share)} of the displays here).`;
  return [
    `${offerTitle} is shown ${describeContext(context)}.`,
    `Estimated click rate here: ${percent(estimate.ctr)} (${evidence}).`,
    why,
    'Nothing else about you was used.',
  ].join(' ');
}
