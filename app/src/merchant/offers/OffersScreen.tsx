// Screen "Offers" (#/offers): the merchant's offers and contexts, the LP's allocation as a heat map
// (share of each context's displays per offer, and which constraint decided), and the click
// estimates with their 95 % intervals. Definitions go through the operator routes; a definition
// the LP cannot honour is refused by the service and shown in words.
import { type ComponentPropsWithoutRef, type FormEvent, useCallback, useEffect, useState } from 'react';
import { ErrorNotice } from '../../shared/ErrorNotice.tsx';
import { type ErrorInWords, errorInWords } from '../../shared/errors.ts';
import { Button, DataTable, Empty, Loading, Plus, RefreshCw, Section } from '../../shared/ui/index.ts';
import { useMerchant } from '../state/MerchantState.tsx';
import { type OfferDeskView, putOffer, putOfferContext, readOffers, resolveOffers } from './offerApi.ts';

const REFRESH_MS = 3_000;
const ID_PATTERN = '[A-Za-z0-9_-]{1,64}';
const percent = (value: number) => `${(Math.round(value * 1000) / 10).toString()} %`;
const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export function OffersScreen() {
  const { config, operatorToken: token } = useMerchant();
  const base = config?.merchantService;
  const [view, setView] = useState<OfferDeskView | null>(null);
  const [error, setError] = useState<ErrorInWords | null>(null);

  const run = useCallback(async (action: () => Promise<OfferDeskView>) => {
    try {
      setView(await action());
      setError(null);
      return true;
    } catch (caught) {
      setError(errorInWords(caught));
      return false;
    }
  }, []);

  useEffect(() => {
    if (!base || !token) return;
    void run(() => readOffers(base, token));
    const timer = setInterval(() => void run(() => readOffers(base, token)), REFRESH_MS);
    return () => clearInterval(timer);
  }, [base, token, run]);

  if (!config) return <Loading>Loading…</Loading>;
  if (!base || !token) {
    return (
      <Section title="Offers" id="offers">
        <Empty>Log in with an operator token (one with the campaigns:write scope) to define offers.</Empty>
      </Section>
    );
  }

  async function submitContext(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const ok = await run(() =>
      putOfferContext(base as string, token as string, {
        id: text('id'),
        impressions: Number(text('impressions')),
        ...(text('page') ? { page: text('page') } : {}),
        ...(text('keywords') ? { keywords: list(text('keywords')) } : {}),
        ...(text('predicates') ? { provenPredicates: list(text('predicates')) } : {}),
        ...(text('mask') ? { maskId: text('mask') } : {}),
      }),
    );
    if (ok) (event.target as HTMLFormElement).reset();
  }

  async function submitOffer(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const rentalContext = text('rental-context');
    const ok = await run(() =>
      putOffer(base as string, token as string, {
        id: text('id'),
        title: text('title'),
        creative: text('creative'),
        link: text('link'),
        quota: Number(text('quota')),
        ...(rentalContext
          ? { rentals: [{ contextId: rentalContext, share: Number(text('rental-share')) / 100 }] }
          : {}),
        ...(text('blocked') ? { blockedContexts: list(text('blocked')) } : {}),
      }),
    );
    if (ok) (event.target as HTMLFormElement).reset();
  }

  const cellOf = (offerId: string, contextId: string) =>
    view?.plan?.cells.find((cell) => cell.offerId === offerId && cell.contextId === contextId);
  const displaysOf = (offerId: string) =>
    (view?.estimates ?? []).filter((e) => e.offerId === offerId).reduce((sum, e) => sum + e.displays, 0);

  return (
    <Section title="Offers" id="offers" testId="offers-screen">
      <p className="muted">
        Offers are chosen from context you already have (page, search words, predicates the person proved, the mask they
        wear) by a linear program that maximizes expected clicks within quotas, paid placements and a learning floor.
        Every offer shown carries an explanation.
      </p>
      {error ? <ErrorNotice error={error} /> : null}

      <h3>Contexts</h3>
      <DataTable
        label="Contexts"
        testId="offer-contexts"
        columns={['Context', 'What it uses', 'Impressions per period']}
      >
        {(view?.contexts ?? []).map((context) => (
          <tr key={context.id}>
            <td>{context.id}</td>
            <td>
              {[
                context.page && `page ${context.page}`,
                context.keywords?.length && `words ${context.keywords.join(', ')}`,
                context.provenPredicates?.length && `proved ${context.provenPredicates.join(', ')}`,
                context.maskId && `mask ${context.maskId}`,
              ]
                .filter(Boolean)
                .join('; ') || '—'}
            </td>
            <td>{context.impressions}</td>
          </tr>
        ))}
      </DataTable>
      <InlineForm
        testId="context-form"
        onSubmit={submitContext}
        submit={{ words: 'Save context', testId: 'context-submit' }}
        fields={[
          { label: 'Id', name: 'id', required: true, pattern: ID_PATTERN, 'data-testid': 'context-id' },
          { label: 'Page', name: 'page', 'data-testid': 'context-page' },
          { label: 'Search words', name: 'keywords', placeholder: 'helmet, bike', 'data-testid': 'context-keywords' },
          { label: 'Proven predicates', name: 'predicates', placeholder: 'age ≥ 18' },
          { label: 'Mask', name: 'mask', placeholder: 'new-cyclist', 'data-testid': 'context-mask' },
          {
            label: 'Impressions',
            name: 'impressions',
            type: 'number',
            min: 0,
            required: true,
            'data-testid': 'context-impressions',
          },
        ]}
      />

      <h3>Offers and quotas</h3>
      <DataTable
        label="Offers and quotas"
        testId="offer-list"
        columns={['Offer', 'Link', 'Quota per period', 'Displays so far', 'Paid placement', 'Never in']}
      >
        {(view?.offers ?? []).map((offer) => (
          <tr key={offer.id}>
            <td>
              <strong>{offer.title}</strong> <span className="muted">({offer.id})</span>
            </td>
            <td>{offer.link}</td>
            <td>{offer.quota}</td>
            <td>{displaysOf(offer.id)}</td>
            <td>
              {(offer.rentals ?? []).map((rental) => `${percent(rental.share)} of ${rental.contextId}`).join(', ') ||
                '—'}
            </td>
            <td>{(offer.blockedContexts ?? []).join(', ') || '—'}</td>
          </tr>
        ))}
      </DataTable>
      <InlineForm
        testId="offer-form"
        onSubmit={submitOffer}
        submit={{ words: 'Save offer', testId: 'offer-submit' }}
        fields={[
          { label: 'Id', name: 'id', required: true, pattern: ID_PATTERN, 'data-testid': 'offer-id' },
          { label: 'Title', name: 'title', required: true, 'data-testid': 'offer-title' },
          { label: 'Words shown', name: 'creative', required: true, 'data-testid': 'offer-creative' },
          { label: 'Link', name: 'link', type: 'url', required: true, 'data-testid': 'offer-link' },
          { label: 'Quota', name: 'quota', type: 'number', min: 0, required: true, 'data-testid': 'offer-quota' },
          { label: 'Paid placement in', name: 'rental-context', 'data-testid': 'offer-rental-context' },
          {
            label: 'share (%)',
            name: 'rental-share',
            type: 'number',
            min: 0,
            max: 100,
            'data-testid': 'offer-rental-share',
          },
          { label: 'Never in', name: 'blocked', placeholder: 'checkout' },
        ]}
      />

      <h3>Allocation</h3>
      <p className="muted">
        Share of each context's displays per offer in the current plan
        {view?.plan
          ? ` (solved ${new Date(view.plan.solvedAt).toLocaleTimeString()} after ${view.plan.reason}, ${view.plan.solveMs.toFixed(1)} ms, ${view.resolves} solves so far)`
          : ''}
        . R: paid placement, E: learning floor, C: most expected clicks.
      </p>
      <Button icon={RefreshCw} data-testid="offers-resolve" onClick={() => void run(() => resolveOffers(base, token))}>
        Re-solve now
      </Button>
      {view && view.offers.length > 0 && view.contexts.length > 0 ? (
        <DataTable
          label="Allocation heat map"
          testId="offer-heat-map"
          className="heat-map"
          columns={['Offer \\ context', ...view.contexts.map((context) => context.id)]}
        >
          {view.offers.map((offer) => (
            <tr key={offer.id}>
              <th scope="row">{offer.title}</th>
              {view.contexts.map((context) => {
                const cell = cellOf(offer.id, context.id);
                const share = cell?.share ?? 0;
                const mark = cell
                  ? { 'rental floor': 'R', 'exploration floor': 'E', 'highest expected clicks': 'C' }[cell.reason]
                  : '';
                return (
                  <td
                    key={context.id}
                    data-testid="heat-cell"
                    data-offer={offer.id}
                    data-context={context.id}
                    data-share={share.toFixed(4)}
                    style={{ background: `rgba(27, 158, 119, ${(0.1 + 0.9 * share).toFixed(3)})` }}
                  >
                    {cell ? `${percent(share)} ${mark}` : '—'}
                  </td>
                );
              })}
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="muted">Define at least one context and one offer.</p>
      )}

      <h3>Click estimates</h3>
      <DataTable
        label="Click estimates"
        testId="offer-estimates"
        columns={['Offer', 'Context', 'Displays', 'Clicks', 'Estimated click rate (95 % interval)']}
      >
        {(view?.estimates ?? []).map((estimate) => (
          <tr key={`${estimate.offerId}/${estimate.contextId}`} data-testid="offer-estimate">
            <td>{estimate.offerId}</td>
            <td>{estimate.contextId}</td>
            <td>{estimate.displays}</td>
            <td>{estimate.clicks}</td>
            <td>
              {percent(estimate.ctr)} ({percent(estimate.interval.low)} – {percent(estimate.interval.high)})
            </td>
          </tr>
        ))}
      </DataTable>
      {view ? (
        <p className="muted" data-testid="offer-totals">
          {view.totals.displays} displays, {view.totals.clicks} clicks counted, {view.totals.refusedClicks} clicks
          refused, {view.totals.duplicateClicks} repeated clicks not counted again.
          {view.durable ? ' Kept in the merchant store (they survive a restart).' : ' In memory only.'}
          {view.lastFlushError ? ` Writing them failed: ${view.lastFlushError.message}` : ''}
        </p>
      ) : null}
      {view && view.optOuts.length > 0 ? (
        <p className="muted" data-testid="offer-opt-outs">
          Opted out (no offer uses these for them):{' '}
          {view.optOuts.map((entry) => `${entry.interest} (${entry.people})`).join(', ')}.
        </p>
      ) : null}
    </Section>
  );
}

type NamedInput = { label: string; name: string; 'data-testid'?: string } & Omit<
  ComponentPropsWithoutRef<'input'>,
  'name'
>;

/** A form of short named fields side by side (read with FormData on submit), and its Save button. */
function InlineForm(props: {
  testId: string;
  fields: readonly NamedInput[];
  submit: { words: string; testId: string };
  onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
}) {
  return (
    <form onSubmit={(event) => void props.onSubmit(event)} data-testid={props.testId} className="inline-form">
      {props.fields.map(({ label, ...input }) => (
        <label key={input.name}>
          {label} <input {...input} />
        </label>
      ))}
      <Button type="submit" variant="primary" icon={Plus} data-testid={props.submit.testId}>
        {props.submit.words}
      </Button>
    </form>
  );
}
