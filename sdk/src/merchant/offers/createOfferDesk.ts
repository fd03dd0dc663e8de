// The merchant's offer desk (docs/offers.md § Serving offers): the offers and contexts the operator
// defined, the current plan (the ADWIZ LP on HiGHS), the displays and clicks seen so far, and the
// re-solve that turns them into new estimates and a new plan. Serving reads the last plan and never
// waits for a solve; a solve replaces the plan when it is done.
import { randomUUID } from 'node:crypto';
import { DecdpError, RateLimitedError, StoreError } from '../../errors/index.ts';
import { createRateLimiter, type RateLimitOptions } from '../../http/rateLimit.ts';
import { allocateOffers } from '../../offers/allocateOffers.ts';
import { UnknownContextError } from '../../offers/errors.ts';
import { type Interest, matchOfferContext, offerInterests, withoutInterests } from '../../offers/offerInterests.ts';
import { pickOffer } from '../../offers/pickOffer.ts';
import { createTransportLpSession } from '../../offers/solveTransportLp.ts';
import type {
  ContextPlan,
  ContextSlot,
  CtrInterval,
  CtrPrior,
  Offer,
  OfferAllocation,
  OfferContext,
  OfferExplanation,
  OfferReason,
} from '../../offers/types.ts';
import {
  type ClickFeedback,
  createCtrEstimates,
  ctrInterval,
  estimateCtr,
  updateCtrEstimates,
} from '../../offers/updateCtrEstimates.ts';
import type { MerchantStore, OfferEvidence } from '../../store/merchantStore.ts';
import { OfferNotShownError } from './errors.ts';

/** An offer as the operator defines it: the LP's fields plus what the person sees. */
export type OfferDefinition = Offer & {
  title: string;
  /** The offer's words (or an image URL) as the site shows it. */
  creative: string;
  /** Where a click goes. */
  link: string;
};

/** What a public GET /offers answers: the offer, why, and the id its click must carry. */
export type ServedOffer = {
  impressionId: string;
  offer: { id: string; title: string; creative: string; link: string };
  explanation: OfferExplanation;
  /** Every interest the choice used (`predicate:age ≥ 18`…): the person may opt out of any. */
  interests: Interest[];
};

export type ResolveReason = 'definitions' | 'schedule' | 'displays' | 'drift' | 'operator' | 'restart';

/** What the operator's page shows: definitions, the plan as a matrix, estimates with intervals. */
export type OfferDeskView = {
  offers: OfferDefinition[];
  contexts: ContextSlot[];
  plan: {
    solvedAt: number;
    reason: ResolveReason;
    solveMs: number;
    variables: number;
    constraints: number;
    expectedClicks: number;
    cells: { offerId: string; contextId: string; impressions: number; share: number; reason: OfferReason }[];
  } | null;
  estimates: {
    offerId: string;
    contextId: string;
    displays: number;
    clicks: number;
    ctr: number;
    interval: CtrInterval;
  }[];
  totals: { displays: number; clicks: number; refusedClicks: number; duplicateClicks: number };
  resolves: number;
  lastResolveError: { code: string; message: string } | null;
  /** How many people opted out of each interest (never who). */
  optOuts: { interest: string; people: number }[];
  /** Whether displays and clicks are kept in the merchant store, and the last failure to write them. */
  durable: boolean;
  lastFlushError: { code: string; message: string } | null;
};

export type OfferDeskOptions = {
  prior?: CtrPrior;
  /** The LP's exploration share (allocateOffers); default 0.5. */
  explorationShare?: number;
  /** Re-solve at least this often while displays came in; default 60 s. `0` turns the timer off. */
  resolveEverySeconds?: number;
  /** Re-solve after this many displays since the last solve; default 2,000. */
  resolveAfterDisplays?: number;
  /** A click counts only this long after its display; default 1 h. */
  clickWindowSeconds?: number;
  /** Impressions remembered for clicks (the oldest are forgotten first); default 200,000. */
  maxImpressions?: number;
  /** Clicks one client may report; default 20 a minute. Past it: RATE_LIMITED, not counted. */
  clickRateLimit?: RateLimitOptions;
  /**
   * Where definitions, displays, clicks and opt-outs are kept (the merchant store); without one the
   * desk lives in memory. Open a desk on a store with `openOfferDesk`, which reads it back.
   */
  store?: MerchantStore;
  /** Displays and clicks are written to the store in one batch this often, off the serving path; default 1 s. */
  flushEverySeconds?: number;
  /** Called when a background re-solve fails (the last plan keeps serving). */
  onResolveError?: (error: unknown) => void;
  now?: () => number;
  random?: () => number;
};

export type OfferDesk = ReturnType<typeof createOfferDesk>;

type Impression = { offerId: string; contextId: string; source: string; at: number; clicked: boolean };
type Cell = { impressions: number; clicks: number };

/**
 * @example
 * const desk = createOfferDesk({});
 * await desk.putContext({ id: 'search-helmet', page: '/search', keywords: ['helmet'], impressions: 2000 });
 * await desk.putOffer({ id: 'helmet-10', title: '10 % off helmets', creative: '…', link: 'https://…', quota: 3000 });
 * const served = desk.serve({ contextId: 'search-helmet', source: '203.0.113.7' });
 * desk.click({ impressionId: served.impressionId, source: '203.0.113.7' }); // { counted: true }
 * @since 0.2.0
 */
export function createOfferDesk(options: OfferDeskOptions = {}) {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const prior = createCtrEstimates(options.prior ? { prior: options.prior } : {}).prior;
  const clickWindowMs = (options.clickWindowSeconds ?? 3600) * 1000;
  const maxImpressions = options.maxImpressions ?? 200_000;
  const resolveAfterDisplays = options.resolveAfterDisplays ?? 2000;
  const clickLimiter = createRateLimiter(options.clickRateLimit ?? { max: 20, windowSeconds: 60 }, now);
  const session = createTransportLpSession();

  let offers: OfferDefinition[] = [];
  let contexts: ContextSlot[] = [];
  let plan: {
    allocation: OfferAllocation;
    byContext: Map<string, OfferAllocation>;
    at: number;
    reason: ResolveReason;
  } | null = null;
  const totals = new Map<string, Map<string, Cell>>();
  const impressions = new Map<string, Impression>();
  const counters = { displays: 0, clicks: 0, refusedClicks: 0, duplicateClicks: 0 };
  const store = options.store;
  // Evidence not yet written to the store, written by the flush timer (never by a request).
  let pending = new Map<string, OfferEvidence>();
  let lastFlushError: { code: string; message: string } | null = null;
  let flushing: Promise<void> = Promise.resolve();
  const optOuts = new Map<string, Set<string>>();
  let displaysSinceSolve = 0;
  let resolves = 0;
  let lastResolveError: { code: string; message: string } | null = null;
  // One solve at a time, in order: a definition change waits for a background re-solve to finish.
  let solving: Promise<unknown> = Promise.resolve();
  let backgroundPending = false;

  function cellOf(offerId: string, contextId: string): Cell {
    let row = totals.get(offerId);
    if (!row) {
      row = new Map();
      totals.set(offerId, row);
    }
    let cell = row.get(contextId);
    if (!cell) {
      cell = { impressions: 0, clicks: 0 };
      row.set(contextId, cell);
    }
    return cell;
  }

  function addPending(offerId: string, contextId: string, displays: number, clicks: number): void {
    if (!store) return;
    const key = `${offerId}\u0000${contextId}`;
    const entry = pending.get(key) ?? { offerId, contextId, displays: 0, clicks: 0 };
    entry.displays += displays;
    entry.clicks += clicks;
    pending.set(key, entry);
  }

  /** Writes the evidence gathered since the last flush; on failure it stays pending for the next one. */
  function flush(): Promise<void> {
    flushing = flushing.then(async () => {
      if (!store || pending.size === 0) return;
      const batch = pending;
      pending = new Map();
      try {
        await store.addOfferEvidence([...batch.values()]);
        lastFlushError = null;
      } catch (error) {
        for (const entry of batch.values()) addPending(entry.offerId, entry.contextId, entry.displays, entry.clicks);
        lastFlushError = {
          code: (error as { code?: string }).code ?? 'STORE_ERROR',
          message: error instanceof Error ? error.message : String(error),
        };
      }
    });
    return flushing;
  }

  function estimates() {
    const feedback: ClickFeedback[] = [];
    for (const [offerId, row] of totals) {
      for (const [contextId, cell] of row) feedback.push({ offerId, contextId, ...cell });
    }
    return updateCtrEstimates({ estimates: { prior, cells: {} }, feedback });
  }

  /** Solves the definitions `change` makes of the current ones (read when the solve starts) and commits both on success. */
  async function solve(
    change: (current: { offers: OfferDefinition[]; contexts: ContextSlot[] }) => {
      offers: OfferDefinition[];
      contexts: ContextSlot[];
    },
    reason: ResolveReason,
    persist?: { kind: 'offer' | 'context'; id: string; definition: OfferDefinition | ContextSlot },
  ) {
    const run = solving.then(async () => {
      const next = change({ offers, contexts });
      const displaysAtStart = counters.displays;
      const allocation = await allocateOffers({
        offers: next.offers,
        contexts: next.contexts,
        estimates: estimates(),
        session,
        ...(options.explorationShare === undefined ? {} : { explorationShare: options.explorationShare }),
      });
      // Kept before it is used: a definition the store refused is not served either.
      if (store && persist) {
        await store.saveOfferDefinition({
          kind: persist.kind,
          id: persist.id,
          definition: JSON.stringify(persist.definition),
          at: Math.floor(now() / 1000),
        });
      }
      offers = next.offers;
      contexts = next.contexts;
      plan = {
        allocation,
        byContext: new Map(
          allocation.contexts.map((context) => [context.contextId, { ...allocation, contexts: [context] }]),
        ),
        at: now(),
        reason,
      };
      displaysSinceSolve = counters.displays - displaysAtStart;
      resolves++;
      lastResolveError = null;
    });
    solving = run.catch(() => undefined);
    return run;
  }

  /** A re-solve nobody waits for: serving keeps the last plan meanwhile, and a failure keeps it. */
  function resolveInBackground(reason: ResolveReason): void {
    if (backgroundPending || offers.length === 0) return;
    backgroundPending = true;
    solve((current) => current, reason)
      .catch((error: unknown) => {
        lastResolveError = {
          code: (error as { code?: string }).code ?? 'INTERNAL',
          message: error instanceof Error ? error.message : String(error),
        };
        options.onResolveError?.(error);
      })
      .finally(() => {
        backgroundPending = false;
      });
  }

  const everySeconds = options.resolveEverySeconds ?? 60;
  const timer =
    everySeconds > 0
      ? setInterval(() => {
          if (displaysSinceSolve > 0) resolveInBackground('schedule');
        }, everySeconds * 1000)
      : undefined;
  timer?.unref();
  const flushTimer = store
    ? setInterval(
        () => {
          void flush();
        },
        (options.flushEverySeconds ?? 1) * 1000,
      )
    : undefined;
  flushTimer?.unref();

  /** The context an impression is served in: the one named, or the best match of the fields given, minus opt-outs. */
  function contextFor(parameters: {
    contextId?: string;
    context?: OfferContext;
    excluded: ReadonlySet<string>;
  }): ContextSlot | undefined {
    const { contextId, excluded } = parameters;
    let given = parameters.context ?? {};
    if (contextId !== undefined) {
      const named = contexts.find((context) => context.id === contextId);
      if (!named) throw new UnknownContextError(contextId, { field: 'query.context' });
      if (!offerInterests(named).some((interest) => excluded.has(interest))) return named;
      given = named;
    }
    return matchOfferContext({ contexts, given: withoutInterests(given, excluded) });
  }

  function forget(): void {
    // Maps iterate in insertion order: the first keys are the oldest impressions.
    const cutoff = now() - clickWindowMs;
    for (const [id, impression] of impressions) {
      if (impressions.size <= maxImpressions && impression.at >= cutoff) break;
      impressions.delete(id);
    }
  }

  return {
    /** Adds or replaces an offer; the new plan is solved first, so an infeasible one is refused and nothing changes. */
    async putOffer(offer: OfferDefinition): Promise<void> {
      try {
        await solve(
          (current) => ({
            ...current,
            offers: byId([...current.offers.filter((existing) => existing.id !== offer.id), offer]),
          }),
          'definitions',
          { kind: 'offer', id: offer.id, definition: offer },
        );
      } catch (error) {
        throw asBodyField(error, 'offers[0]');
      }
    },

    /** Adds or replaces a context (what the merchant already has: page, keywords, proven predicates, mask). */
    async putContext(context: ContextSlot): Promise<void> {
      try {
        await solve(
          (current) => ({
            ...current,
            contexts: byId([...current.contexts.filter((existing) => existing.id !== context.id), context]),
          }),
          'definitions',
          { kind: 'context', id: context.id, definition: context },
        );
      } catch (error) {
        throw asBodyField(error, 'contexts[0]');
      }
    },

    /** Re-solves now with the estimates so far (the operator's button, tests). */
    async resolve(): Promise<void> {
      await solve((current) => current, 'operator');
    },

    /**
     * One impression: in the context named (`contextId`), or in the defined context that best
     * matches the fields given (`context`: what the merchant has, e.g. a request's proven
     * predicates), never using an interest in `optOut` or one `pseudonym` opted out of — the desk
     * falls back to a context without it, or shows nothing. Null when nothing is planned there.
     */
    serve(parameters: {
      contextId?: string;
      context?: OfferContext;
      optOut?: readonly string[];
      pseudonym?: string;
      source: string;
    }): ServedOffer | null {
      const excluded = new Set<string>([
        ...(parameters.optOut ?? []),
        ...(parameters.pseudonym === undefined ? [] : (optOuts.get(parameters.pseudonym) ?? [])),
      ]);
      const context = contextFor({ ...parameters, excluded });
      if (!context) return null;
      const allocation = plan?.byContext.get(context.id);
      if (!allocation) return null;
      const pick = pickOffer({ allocation, contextId: context.id, random });
      if (!pick) return null;
      const offer = offers.find((candidate) => candidate.id === pick.offerId) as OfferDefinition;
      const impressionId = randomUUID();
      impressions.set(impressionId, {
        offerId: offer.id,
        contextId: context.id,
        source: parameters.source,
        at: now(),
        clicked: false,
      });
      if (impressions.size > maxImpressions) forget();
      cellOf(offer.id, context.id).impressions++;
      addPending(offer.id, context.id, 1, 0);
      counters.displays++;
      displaysSinceSolve++;
      if (displaysSinceSolve >= resolveAfterDisplays) resolveInBackground('displays');
      return {
        impressionId,
        offer: { id: offer.id, title: offer.title, creative: offer.creative, link: offer.link },
        explanation: pick.explanation,
        interests: offerInterests(context),
      };
    },

    /**
     * A person's interest opt-out for their pseudonym at this merchant: from now on no offer is
     * chosen with it for them (kept in the store, so a restart keeps stopping). `saved: false`
     * when it was already there.
     */
    async optOut(parameters: { pseudonym: string; interest: Interest }): Promise<{ saved: boolean }> {
      // Only interests this desk uses: anything else would tell the merchant something new.
      if (!contexts.some((context) => offerInterests(context).includes(parameters.interest))) {
        throw new UnknownContextError(parameters.interest, {
          field: 'body.interest',
          details: [`No context of this merchant uses "${parameters.interest}": there is nothing to stop.`],
          hint: 'Opt out of an interest a served offer listed (served.interests).',
        });
      }
      const known = optOuts.get(parameters.pseudonym) ?? new Set<string>();
      if (known.has(parameters.interest)) return { saved: false };
      const saved = store ? await store.saveOfferOptOut({ ...parameters, at: Math.floor(now() / 1000) }) : true;
      known.add(parameters.interest);
      optOuts.set(parameters.pseudonym, known);
      return { saved };
    },

    /**
     * Counts a click once: only for an impression served to this same client within the click
     * window (OFFER_NOT_SHOWN otherwise); a second click of one impression is not counted again;
     * past the per-client click limit RATE_LIMITED, not counted.
     */
    click(parameters: { impressionId: string; source: string }): { counted: boolean } {
      try {
        clickLimiter.take(parameters.source);
      } catch (error) {
        if (error instanceof RateLimitedError) counters.refusedClicks++;
        throw error;
      }
      const impression = impressions.get(parameters.impressionId);
      if (!impression || impression.source !== parameters.source || now() - impression.at > clickWindowMs) {
        counters.refusedClicks++;
        throw new OfferNotShownError();
      }
      if (impression.clicked) {
        counters.duplicateClicks++;
        return { counted: false };
      }
      impression.clicked = true;
      const cell = cellOf(impression.offerId, impression.contextId);
      cell.clicks++;
      addPending(impression.offerId, impression.contextId, 0, 1);
      counters.clicks++;
      // Drift: the evidence has left the interval the plan was solved with.
      const used = plan?.byContext
        .get(impression.contextId)
        ?.contexts[0]?.offers.find((offer) => offer.offerId === impression.offerId)?.explanation.ctrInterval;
      const observed = (cell.clicks + prior.alpha) / (cell.impressions + prior.alpha + prior.beta);
      if (used && (observed < used.low || observed > used.high)) resolveInBackground('drift');
      return { counted: true };
    },

    view(): OfferDeskView {
      const current = estimates();
      const allocation = plan?.allocation;
      return {
        offers: [...offers],
        contexts: [...contexts],
        plan:
          allocation && plan
            ? {
                solvedAt: plan.at,
                reason: plan.reason,
                solveMs: allocation.lp.solveMs,
                variables: allocation.lp.variables,
                constraints: allocation.lp.constraints,
                expectedClicks: allocation.expectedClicks,
                cells: allocation.contexts.flatMap((context: ContextPlan) =>
                  context.offers.map((offer) => ({
                    offerId: offer.offerId,
                    contextId: offer.contextId,
                    impressions: offer.impressions,
                    share: offer.share,
                    reason: offer.explanation.reason,
                  })),
                ),
              }
            : null,
        estimates: offers.flatMap((offer) =>
          contexts
            .filter((context) => !(offer.blockedContexts ?? []).includes(context.id))
            .map((context) => {
              const estimate = estimateCtr({ estimates: current, offerId: offer.id, contextId: context.id });
              return {
                offerId: offer.id,
                contextId: context.id,
                displays: estimate.impressions,
                clicks: estimate.clicks,
                ctr: estimate.ctr,
                interval: ctrInterval(estimate),
              };
            }),
        ),
        totals: { ...counters },
        resolves,
        lastResolveError,
        optOuts: [...countOptOuts(optOuts)].map(([interest, people]) => ({ interest, people })),
        durable: store !== undefined,
        lastFlushError,
      };
    },

    /** Reads definitions, evidence and opt-outs back from the store and solves (openOfferDesk calls it once). */
    async load(): Promise<void> {
      if (!store) return;
      let stored: Awaited<ReturnType<MerchantStore['loadOfferDesk']>>;
      try {
        stored = await store.loadOfferDesk();
      } catch (cause) {
        throw new StoreError('The offer desk could not be read from the merchant store.', { cause });
      }
      offers = byId(stored.offers.map((row) => JSON.parse(row.definition) as OfferDefinition));
      contexts = byId(stored.contexts.map((row) => JSON.parse(row.definition) as ContextSlot));
      totals.clear();
      counters.displays = 0;
      counters.clicks = 0;
      for (const cell of stored.evidence) {
        const total = cellOf(cell.offerId, cell.contextId);
        total.impressions = cell.displays;
        total.clicks = cell.clicks;
        counters.displays += cell.displays;
        counters.clicks += cell.clicks;
      }
      optOuts.clear();
      for (const { pseudonym, interest } of stored.optOuts) {
        optOuts.set(pseudonym, (optOuts.get(pseudonym) ?? new Set()).add(interest));
      }
      if (offers.length === 0) return;
      // A plan that no longer solves must not stop the service: it serves nothing and says why.
      await solve((current) => current, 'restart').catch((error: unknown) => {
        lastResolveError = {
          code: (error as { code?: string }).code ?? 'INTERNAL',
          message: error instanceof Error ? error.message : String(error),
        };
      });
    },

    /** Writes pending displays and clicks now (tests, shutdown); the timer does it every second. */
    flush,

    /** Waits for any solve under way (tests, shutdown). */
    async settled(): Promise<void> {
      await solving;
    },

    /** Stops the timers and writes what is pending. */
    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      if (flushTimer) clearInterval(flushTimer);
      await solving;
      await flush();
      session.dispose();
    },
  };
}

/**
 * A desk kept in the merchant store: what was defined, shown and clicked before a restart is read
 * back and the plan solved again before the first request.
 * @example const desk = await openOfferDesk({ store: await openStore({ db: 'data/merchant.sqlite' }) });
 * @since 0.2.0
 */
export async function openOfferDesk(options: OfferDeskOptions & { store: MerchantStore }): Promise<OfferDesk> {
  const desk = createOfferDesk(options);
  await desk.load();
  return desk;
}

/** Definitions in one order (by id), in memory and as read back, so a restart solves the same LP. */
function byId<Definition extends { id: string }>(definitions: Definition[]): Definition[] {
  return definitions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function countOptOuts(optOuts: ReadonlyMap<string, ReadonlySet<string>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const interests of optOuts.values()) {
    for (const interest of interests) counts.set(interest, (counts.get(interest) ?? 0) + 1);
  }
  return counts;
}

/** An allocateOffers field about the definition being put (`offers[0].quota`) as the body's (`body.quota`). */
function asBodyField(error: unknown, prefix: string): unknown {
  if (error instanceof DecdpError && error.field?.startsWith(prefix)) {
    (error as { field: string | undefined }).field = `body${error.field.slice(prefix.length)}`;
  }
  return error;
}
