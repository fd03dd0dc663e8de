// An offer the merchant shows with what it already has (the predicates the person proved to it,
// a mask they wear), with "why this offer" in plain words built by the wallet from the
// explanation's fields, and a "stop using this" for each interest it used (docs/offers.md).
import type { Interest, OfferExplanation } from '@decdp/sdk/offers';
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../shared/ErrorNotice.tsx';
import { type ErrorInWords, errorInWords } from '../../shared/errors.ts';
import { Actions, Button, Notice } from '../../shared/ui/index.ts';
import { fetchOffer, type OfferContextGiven, type OfferForPerson, reportOfferClick, sendOptOut } from './fetchOffer.ts';
import { addOptOut, interestInWords, removeOptOut, useOptOuts, useOptOutsFromPod } from './offerOptOuts.ts';

const percent = (value: number) => `${(Math.round(value * 1000) / 10).toString()} %`;
const quoted = (values: readonly string[]) => values.map((value) => `“${value}”`).join(', ');

/** "Why this offer", one line each: which context, the estimate with its uncertainty, what decided. */
export function whyInWords(explanation: OfferExplanation, merchantName: string): string[] {
  const { context, estimate, ctrInterval, reason, share } = explanation;
  const used = [
    ...(context.provenPredicates?.length ? [`that you chose to prove ${quoted(context.provenPredicates)}`] : []),
    ...(context.maskId ? [`that you wear the mask “${context.maskId}”`] : []),
    ...(context.keywords?.length ? [`your search for ${quoted(context.keywords)}`] : []),
    ...(context.page ? [`the page ${context.page}`] : []),
  ];
  const evidence =
    estimate.impressions > 0
      ? `${Math.round(estimate.clicks)} clicks in ${Math.round(estimate.impressions)} displays so far`
      : 'no displays yet: a starting guess';
  const decided =
    reason === 'rental floor'
      ? 'a paid placement: the advertiser rents a fixed share of these displays.'
      : reason === 'exploration floor'
        ? 'a learning share: every offer is shown a little so its click estimate stays current.'
        : `it is expected to be clicked most here, among offers with displays left (${percent(share)} of the displays here).`;
  return [
    `Chosen from: ${used.length ? used.join(', ') : `where it is shown at ${merchantName}`}. Nothing else about you was used.`,
    `Estimated click rate: ${percent(estimate.ctr)}, likely between ${percent(ctrInterval.low)} and ${percent(ctrInterval.high)} (${evidence}).`,
    `What decided: ${decided}`,
  ];
}

export function OfferForContext(props: {
  /** The merchant service (merchantServiceOf). */
  service: string;
  merchantName: string;
  context: OfferContextGiven;
  /** The pseudonym this merchant knows the person by, if any: opt-outs are also sent for it. */
  pseudonym?: string;
}) {
  const optOuts = useOptOuts();
  const optOutPod = useOptOutsFromPod();
  const [offer, setOffer] = useState<OfferForPerson | null | undefined>(undefined);
  const [error, setError] = useState<ErrorInWords | null>(null);
  const { service } = props;
  const predicates = props.context.predicates?.join('\n') ?? '';
  const maskId = props.context.maskId;

  useEffect(() => {
    let current = true;
    const context = { ...(predicates ? { predicates: predicates.split('\n') } : {}), ...(maskId ? { maskId } : {}) };
    fetchOffer({ service, context, optOuts })
      .then((found) => {
        if (current) {
          setOffer(found);
          setError(null);
        }
      })
      .catch((caught: unknown) => {
        if (current) setError(errorInWords(caught));
      });
    return () => {
      current = false;
    };
  }, [service, predicates, maskId, optOuts]);

  async function stopUsing(interest: Interest) {
    try {
      await addOptOut(interest, optOutPod);
      if (props.pseudonym) await sendOptOut({ service, pseudonym: props.pseudonym, interest });
    } catch (caught) {
      setError(errorInWords(caught));
    }
  }

  async function optBackIn(interest: Interest) {
    try {
      await removeOptOut(interest, optOutPod);
    } catch (caught) {
      setError(errorInWords(caught));
    }
  }

  const mine = optOuts.filter((interest) =>
    interest.startsWith('predicate:')
      ? (props.context.predicates ?? []).includes(interest.slice('predicate:'.length))
      : interest === `mask:${maskId}`,
  );
  return (
    <section className="offer" data-testid="offer-panel" aria-label={`Offer from ${props.merchantName}`}>
      {error ? <ErrorNotice error={error} testId="offer-error" /> : null}
      {offer ? (
        <div data-testid="offer" data-offer-id={offer.offer.id} data-interests={offer.interests.join('|')}>
          <p>
            <strong>Offer from {props.merchantName}:</strong> <span data-testid="offer-title">{offer.offer.title}</span>
            {' — '}
            {offer.offer.creative}{' '}
            <a
              href={offer.offer.link}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="offer-link"
              onClick={() => void reportOfferClick({ service, impressionId: offer.impressionId }).catch(() => {})}
            >
              Open
            </a>
          </p>
          <details data-testid="offer-why">
            <summary>Why this offer?</summary>
            <ul>
              {whyInWords(offer.explanation, props.merchantName).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <p>Do not want this used for offers?</p>
            <Actions>
              {offer.interests.map((interest) => (
                <Button
                  key={interest}
                  size="small"
                  data-testid="offer-opt-out"
                  data-interest={interest}
                  onClick={() => void stopUsing(interest)}
                >
                  Stop using {interestInWords(interest)}
                </Button>
              ))}
            </Actions>
          </details>
        </div>
      ) : offer === null ? (
        <Notice testId="offer-none">
          No offer from {props.merchantName} here
          {mine.length ? ' that uses nothing you opted out of' : ''}.
        </Notice>
      ) : null}
      {mine.length ? (
        <p className="muted" data-testid="offer-opt-outs">
          Not used for offers:{' '}
          {mine.map((interest) => (
            <span key={interest}>
              {interestInWords(interest)}{' '}
              <Button
                variant="quiet"
                size="small"
                data-testid="offer-opt-in"
                data-interest={interest}
                onClick={() => void optBackIn(interest)}
              >
                Use again
              </Button>{' '}
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}
