// A Berlin Group NextGenPSD2 Account Information Service client (the subset an issuer needs):
// consent with the redirect SCA approach, consent status, accounts, account details, booked
// transactions, consent deletion. Bank errors (tppMessages) become typed errors: a consent that
// is expired, revoked, or does not cover an account is CONSENT_INVALID with its reason.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConsentInvalidError, SourceUnavailableError } from '../../errors/index.ts';
import { parseWith } from '../../protocol/parse.ts';

export type ConsentStatus = 'received' | 'valid' | 'rejected' | 'expired' | 'revokedByPsu' | 'terminatedByTpp';

const amount = z.object({ currency: z.string(), amount: z.string().regex(/^-?\d+(\.\d+)?$/) });
const accountSchema = z.object({
  resourceId: z.string().min(1),
  iban: z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/),
  currency: z.string(),
  ownerName: z.string().optional(),
  /** Sandbox extension (docs/issuer.md): the bank's KYC birth date. */
  ownerDateOfBirth: z.string().optional(),
});
export type Psd2Account = z.output<typeof accountSchema>;
const transactionSchema = z.object({
  transactionId: z.string().optional(),
  bookingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  transactionAmount: amount,
});
export type Psd2Transaction = z.output<typeof transactionSchema>;

export type Psd2Client = {
  createConsent(params: { redirectUri: string; nokRedirectUri: string; validUntil: string }): Promise<{
    consentId: string;
    scaRedirect: string;
  }>;
  consentStatus(consentId: string): Promise<ConsentStatus>;
  accounts(consentId: string): Promise<Psd2Account[]>;
  accountDetails(consentId: string, resourceId: string): Promise<Psd2Account>;
  bookedTransactions(consentId: string, resourceId: string, dateFrom: string): Promise<Psd2Transaction[]>;
  deleteConsent(consentId: string): Promise<void>;
};

/** @since 0.2.0 */
export function createPsd2Client(params: { bankUrl: string; fetch?: typeof fetch }): Psd2Client {
  const doFetch = params.fetch ?? fetch;
  const base = params.bankUrl.endsWith('/') ? params.bankUrl : `${params.bankUrl}/`;

  type BankError = { status: number; code: string; text: string };
  type BankAnswer = { error: BankError } | { error?: undefined; json: unknown } | null;

  async function call(
    path: string,
    init: RequestInit & { consentId?: string; headers?: Record<string, string> },
  ): Promise<BankAnswer> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        ...init,
        headers: {
          'x-request-id': randomUUID(),
          ...(init.consentId ? { 'consent-id': init.consentId } : {}),
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        signal: AbortSignal.timeout(15_000),
      });
    } catch (cause) {
      throw new SourceUnavailableError('The bank does not answer.', { field: 'bank', cause });
    }
    if (response.status === 204) return null;
    const json = (await response.json().catch(() => null)) as unknown;
    if (!response.ok) {
      const message = (json as { tppMessages?: { code?: string; text?: string }[] } | null)?.tppMessages?.[0];
      return { error: { status: response.status, code: message?.code ?? 'UNKNOWN', text: message?.text ?? '' } };
    }
    return { json };
  }

  function parsed<T extends z.ZodType>(schema: T, json: unknown, what: string): z.output<T> {
    try {
      return parseWith(schema, json, what);
    } catch (cause) {
      throw new SourceUnavailableError('The bank answered something that is not NextGenPSD2.', { field: what, cause });
    }
  }

  async function refuse(error: BankError, consentId: string, forAccount: boolean) {
    if (error.code === 'CONSENT_EXPIRED') {
      return new ConsentInvalidError('The bank consent has expired.', { field: 'consent', reason: 'expired' });
    }
    if (error.code === 'CONSENT_INVALID' || error.code === 'CONSENT_UNKNOWN') {
      const status =
        error.code === 'CONSENT_UNKNOWN' ? undefined : await client.consentStatus(consentId).catch(() => undefined);
      if (forAccount && status === 'valid') {
        return new ConsentInvalidError('The bank consent does not cover this account.', {
          field: 'consent.account',
          reason: 'other-account',
        });
      }
      if (status === 'revokedByPsu' || status === 'terminatedByTpp') {
        return new ConsentInvalidError('The bank consent was revoked.', { field: 'consent', reason: 'revoked' });
      }
      return new ConsentInvalidError(`The bank refused the consent: ${error.text}`, {
        field: 'consent',
        reason: 'not-approved',
      });
    }
    return new SourceUnavailableError(`The bank answered ${error.status} ${error.code}: ${error.text}`, {
      field: 'bank',
    });
  }

  const client: Psd2Client = {
    async createConsent({ redirectUri, nokRedirectUri, validUntil }) {
      const result = await call('v1/consents', {
        method: 'POST',
        headers: {
          'tpp-redirect-uri': redirectUri,
          'tpp-nok-redirect-uri': nokRedirectUri,
          'tpp-redirect-preferred': 'true',
        },
        body: JSON.stringify({
          access: { allPsd2: 'allAccounts' },
          recurringIndicator: false,
          validUntil,
          frequencyPerDay: 4,
          combinedServiceIndicator: false,
        }),
      });
      if (!result || result.error) {
        throw new SourceUnavailableError(`The bank refused the consent request: ${result?.error.text ?? ''}`, {
          field: 'bank',
        });
      }
      const body = parsed(
        z.object({
          consentId: z.string().min(1),
          _links: z.object({ scaRedirect: z.object({ href: z.string().url() }) }),
        }),
        result.json,
        'bank.consent',
      );
      return { consentId: body.consentId, scaRedirect: body._links.scaRedirect.href };
    },
    async consentStatus(consentId) {
      const result = await call(`v1/consents/${encodeURIComponent(consentId)}/status`, { method: 'GET' });
      if (!result) throw new SourceUnavailableError('The bank answered no consent status.', { field: 'bank' });
      if (result.error) {
        throw new ConsentInvalidError('The bank does not know this consent.', {
          field: 'consent',
          reason: 'not-approved',
        });
      }
      return parsed(
        z.object({
          consentStatus: z.enum(['received', 'valid', 'rejected', 'expired', 'revokedByPsu', 'terminatedByTpp']),
        }),
        result.json,
        'bank.consentStatus',
      ).consentStatus;
    },
    async accounts(consentId) {
      const result = await call('v1/accounts', { method: 'GET', consentId });
      if (!result) throw new SourceUnavailableError('The bank answered no accounts.', { field: 'bank' });
      if (result.error) throw await refuse(result.error, consentId, false);
      return parsed(z.object({ accounts: z.array(accountSchema) }), result.json, 'bank.accounts').accounts;
    },
    async accountDetails(consentId, resourceId) {
      const result = await call(`v1/accounts/${encodeURIComponent(resourceId)}`, { method: 'GET', consentId });
      if (!result) throw new SourceUnavailableError('The bank answered no account.', { field: 'bank' });
      if (result.error) throw await refuse(result.error, consentId, true);
      return parsed(z.object({ account: accountSchema }), result.json, 'bank.account').account;
    },
    async bookedTransactions(consentId, resourceId, dateFrom) {
      const query = new URLSearchParams({ bookingStatus: 'booked', dateFrom });
      const result = await call(`v1/accounts/${encodeURIComponent(resourceId)}/transactions?${query}`, {
        method: 'GET',
        consentId,
      });
      if (!result) throw new SourceUnavailableError('The bank answered no transactions.', { field: 'bank' });
      if (result.error) throw await refuse(result.error, consentId, true);
      return parsed(
        z.object({ transactions: z.object({ booked: z.array(transactionSchema) }) }),
        result.json,
        'bank.transactions',
      ).transactions.booked;
    },
    async deleteConsent(consentId) {
      await call(`v1/consents/${encodeURIComponent(consentId)}`, { method: 'DELETE' });
    },
  };
  return client;
}
