// A PSD2 SANDBOX bank: the Berlin Group NextGenPSD2 Account Information Service subset an issuer
// needs (docs/issuer.md § Bank): consents with the redirect SCA approach, accounts, balances,
// booked transactions, consent status and deletion, and Berlin Group error bodies (tppMessages).
// Made-up customers (demoCustomers.ts); no eIDAS certificates (a real ASPSP identifies the TPP by
// its QWAC); a few /sandbox/ routes stand in for what a person does in online banking (revoke a
// consent) and for time passing (expire one). Never put real data in it.
import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { demoCustomers, type SandboxCustomer } from './demoCustomers.ts';

type ConsentStatus = 'received' | 'valid' | 'rejected' | 'expired' | 'revokedByPsu' | 'terminatedByTpp';

type Consent = {
  consentId: string;
  status: ConsentStatus;
  validUntil: string;
  redirectUri: string;
  nokRedirectUri: string | undefined;
  /** The PSU who approved it, and the accounts it covers (all of theirs for allPsd2 / allAccounts). */
  customer: SandboxCustomer | undefined;
  resourceIds: string[];
};

export type SandboxBank = {
  app: Hono;
  customers: SandboxCustomer[];
  /** Test and demo hooks, also reachable over /sandbox/ routes. */
  consentStatus(consentId: string): ConsentStatus | undefined;
};

function tppError(c: Context, status: number, code: string, text: string) {
  return c.json({ tppMessages: [{ category: 'ERROR', code, text }] }, status as 400);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function createSandboxBank(
  params: { baseUrl: () => string; today?: () => string } = { baseUrl: () => '/' },
): SandboxBank {
  const today = params.today ?? (() => new Date().toISOString().slice(0, 10));
  const customers = demoCustomers();
  const consents = new Map<string, Consent>();
  const app = new Hono();

  /** The consent named by the Consent-ID header, usable now; or the Berlin Group error answer. */
  function usableConsent(c: Context): Consent | Response {
    const id = c.req.header('consent-id');
    const consent = id ? consents.get(id) : undefined;
    if (!consent) return tppError(c, 403, 'CONSENT_UNKNOWN', 'The Consent-ID is not known.');
    if (consent.status === 'valid' && consent.validUntil < today()) consent.status = 'expired';
    if (consent.status === 'expired') return tppError(c, 401, 'CONSENT_EXPIRED', 'The consent has expired.');
    if (consent.status !== 'valid') {
      return tppError(c, 401, 'CONSENT_INVALID', `The consent is ${consent.status}.`);
    }
    return consent;
  }

  function accountFor(c: Context, consent: Consent) {
    const resourceId = c.req.param('resourceId') ?? '';
    if (!consent.resourceIds.includes(resourceId)) {
      return tppError(c, 401, 'CONSENT_INVALID', 'The consent does not cover this account.');
    }
    const account = consent.customer?.accounts.find((entry) => entry.resourceId === resourceId);
    if (!account) return tppError(c, 404, 'RESOURCE_UNKNOWN', 'No such account.');
    return account;
  }

  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/v1/') && !/^[0-9a-f-]{36}$/i.test(c.req.header('x-request-id') ?? '')) {
      return tppError(c, 400, 'FORMAT_ERROR', 'X-Request-ID (a UUID) is required.');
    }
    await next();
  });

  app.post('/v1/consents', async (c) => {
    const redirectUri = c.req.header('tpp-redirect-uri');
    if (!redirectUri || !URL.canParse(redirectUri)) {
      return tppError(c, 400, 'FORMAT_ERROR', 'TPP-Redirect-URI is required (redirect SCA approach).');
    }
    const body = (await c.req.json().catch(() => null)) as {
      access?: { allPsd2?: string; availableAccounts?: string };
      recurringIndicator?: boolean;
      validUntil?: string;
      frequencyPerDay?: number;
    } | null;
    if (!body?.access || !body.validUntil || !/^\d{4}-\d{2}-\d{2}$/.test(body.validUntil)) {
      return tppError(c, 400, 'FORMAT_ERROR', 'access and validUntil (YYYY-MM-DD) are required.');
    }
    if (body.access.allPsd2 !== 'allAccounts') {
      return tppError(
        c,
        400,
        'SERVICE_INVALID',
        'This sandbox grants bank-offered consents: access.allPsd2 = "allAccounts".',
      );
    }
    const consentId = randomUUID();
    consents.set(consentId, {
      consentId,
      status: 'received',
      validUntil: body.validUntil,
      redirectUri,
      nokRedirectUri: c.req.header('tpp-nok-redirect-uri'),
      customer: undefined,
      resourceIds: [],
    });
    const base = params.baseUrl();
    return c.json(
      {
        consentStatus: 'received',
        consentId,
        _links: {
          scaRedirect: { href: `${base}sandbox/sca/${consentId}` },
          self: { href: `/v1/consents/${consentId}` },
          status: { href: `/v1/consents/${consentId}/status` },
        },
      },
      201,
    );
  });

  app.get('/v1/consents/:consentId/status', (c) => {
    const consent = consents.get(c.req.param('consentId'));
    if (!consent) return tppError(c, 403, 'CONSENT_UNKNOWN', 'No such consent.');
    if (consent.status === 'valid' && consent.validUntil < today()) consent.status = 'expired';
    return c.json({ consentStatus: consent.status });
  });

  app.delete('/v1/consents/:consentId', (c) => {
    const consent = consents.get(c.req.param('consentId'));
    if (!consent) return tppError(c, 403, 'CONSENT_UNKNOWN', 'No such consent.');
    consent.status = 'terminatedByTpp';
    return c.body(null, 204);
  });

  app.get('/v1/accounts', (c) => {
    const consent = usableConsent(c);
    if (consent instanceof Response) return consent;
    const accounts = (consent.customer?.accounts ?? [])
      .filter((account) => consent.resourceIds.includes(account.resourceId))
      .map((account) => ({
        resourceId: account.resourceId,
        iban: account.iban,
        currency: 'EUR',
        name: account.name,
        product: account.product,
        cashAccountType: 'CACC',
        status: 'enabled',
        ownerName: consent.customer?.name,
        _links: {
          balances: { href: `/v1/accounts/${account.resourceId}/balances` },
          transactions: { href: `/v1/accounts/${account.resourceId}/transactions` },
        },
      }));
    return c.json({ accounts });
  });

  // Account details; `ownerDateOfBirth` is a SANDBOX EXTENSION standing in for the bank's KYC data.
  app.get('/v1/accounts/:resourceId', (c) => {
    const consent = usableConsent(c);
    if (consent instanceof Response) return consent;
    const account = accountFor(c, consent);
    if (account instanceof Response) return account;
    return c.json({
      account: {
        resourceId: account.resourceId,
        iban: account.iban,
        currency: 'EUR',
        name: account.name,
        product: account.product,
        cashAccountType: 'CACC',
        status: 'enabled',
        ownerName: consent.customer?.name,
        ownerDateOfBirth: consent.customer?.dateOfBirth,
      },
    });
  });

  app.get('/v1/accounts/:resourceId/balances', (c) => {
    const consent = usableConsent(c);
    if (consent instanceof Response) return consent;
    const account = accountFor(c, consent);
    if (account instanceof Response) return account;
    return c.json({
      account: { iban: account.iban, currency: 'EUR' },
      balances: [
        {
          balanceAmount: { currency: 'EUR', amount: account.balance },
          balanceType: 'closingBooked',
          referenceDate: today(),
        },
      ],
    });
  });

  app.get('/v1/accounts/:resourceId/transactions', (c) => {
    const consent = usableConsent(c);
    if (consent instanceof Response) return consent;
    const account = accountFor(c, consent);
    if (account instanceof Response) return account;
    const bookingStatus = c.req.query('bookingStatus');
    const dateFrom = c.req.query('dateFrom');
    if (bookingStatus !== 'booked' && bookingStatus !== 'both') {
      return tppError(c, 400, 'PARAMETER_NOT_SUPPORTED', 'bookingStatus must be booked or both.');
    }
    if (!dateFrom || !/^\d{4}-\d{2}-\d{2}$/.test(dateFrom)) {
      return tppError(c, 400, 'FORMAT_ERROR', 'dateFrom (YYYY-MM-DD) is required.');
    }
    const dateTo = c.req.query('dateTo') ?? today();
    const booked = account.transactions
      .filter((entry) => entry.bookingDate >= dateFrom && entry.bookingDate <= dateTo)
      .map((entry) => ({
        transactionId: entry.transactionId,
        bookingDate: entry.bookingDate,
        valueDate: entry.bookingDate,
        transactionAmount: { currency: 'EUR', amount: entry.amount },
        ...(entry.amount.startsWith('-') ? { creditorName: entry.counterparty } : { debtorName: entry.counterparty }),
        remittanceInformationUnstructured: entry.remittance,
      }));
    return c.json({
      account: { iban: account.iban, currency: 'EUR' },
      transactions: { booked, pending: [], _links: { account: { href: `/v1/accounts/${account.resourceId}` } } },
    });
  });

  // ---- The bank's own pages: the PSU signs in and approves (redirect SCA approach).
  app.get('/sandbox/sca/:consentId', (c) => {
    const consent = consents.get(c.req.param('consentId'));
    if (consent?.status !== 'received') return c.html('<p>This consent request is not open.</p>', 404);
    return c.html(`<!doctype html><meta charset="utf-8"><title>Sandbox Bank — approve access</title>
<style>body{font:16px system-ui;max-width:28rem;margin:3rem auto}label{display:block;margin:.5rem 0}</style>
<h1>Sandbox Bank</h1><p><strong>SANDBOX</strong>: made-up customers only (alice / sandbox-alice, bram / sandbox-bram, chloe / sandbox-chloe).</p>
<p>An issuer asks to read your accounts, balances and transactions until ${escapeHtml(consent.validUntil)}.</p>
<form method="post"><label>Username <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button name="decision" value="approve">Approve</button> <button name="decision" value="deny">Deny</button></form>`);
  });

  app.post('/sandbox/sca/:consentId', async (c) => {
    const consent = consents.get(c.req.param('consentId'));
    if (consent?.status !== 'received') return c.html('<p>This consent request is not open.</p>', 404);
    const form = await c.req.parseBody();
    if (form.decision === 'deny') {
      consent.status = 'rejected';
      return c.redirect(consent.nokRedirectUri ?? consent.redirectUri, 302);
    }
    const customer = customers.find((entry) => entry.username === form.username && entry.password === form.password);
    if (!customer) return c.html('<p>Wrong username or password. <a href="">Try again</a>.</p>', 401);
    consent.customer = customer;
    consent.resourceIds = customer.accounts.map((account) => account.resourceId);
    consent.status = 'valid';
    return c.redirect(consent.redirectUri, 302);
  });

  // ---- SANDBOX-only stand-ins: the PSU revokes in online banking; time passes.
  app.post('/sandbox/consents/:consentId/revoke', (c) => {
    const consent = consents.get(c.req.param('consentId'));
    if (!consent) return c.json({ ok: false }, 404);
    consent.status = 'revokedByPsu';
    return c.json({ ok: true, consentStatus: consent.status });
  });
  app.post('/sandbox/consents/:consentId/expire', (c) => {
    const consent = consents.get(c.req.param('consentId'));
    if (!consent) return c.json({ ok: false }, 404);
    consent.validUntil = '2000-01-01';
    return c.json({ ok: true });
  });

  return { app, customers, consentStatus: (id) => consents.get(id)?.status };
}
