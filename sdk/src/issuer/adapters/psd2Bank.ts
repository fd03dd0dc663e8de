// Bank (PSD2): the person approves read access at their bank (NextGenPSD2 consent, redirect SCA),
// the issuer reads the account, its details and a year of booked transactions, and derives country
// of account, age band, income band and customer-since year. The consent is recurring (up to 180
// days, PSD2's limit, 4 reads a day): its id is sealed into the wallet's renewal grant so the wallet
// can renew while the person's approval stands; revoked or expired at the bank, renewal stops.
import { ConsentInvalidError, SourceUnavailableError } from '../../errors/index.ts';
import { AGE_BANDS, ageInYears, bandFloor, describeBand, INCOME_BANDS_EUR, startOfYear } from '../bands.ts';
import { type AnyIssuerAdapter, defineAdapter } from './adapter.ts';
import { createPsd2Client, type Psd2Account, type Psd2Transaction } from './psd2Client.ts';

type BankLogin = { consentId: string; validUntil: string };
type BankData = { account: Psd2Account; transactions: Psd2Transaction[] };

const DAY = 86_400;
const isoDay = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/** @since 0.2.0 */
export function createBankAdapter(params: {
  bankName: string;
  bankUrl: string;
  validForSeconds?: number;
  /** How long the person's approval lasts for renewals; default 180 days (PSD2's longest). */
  consentDays?: number;
  fetch?: typeof fetch;
  now?: () => number;
}): AnyIssuerAdapter {
  const client = createPsd2Client({ bankUrl: params.bankUrl, ...(params.fetch ? { fetch: params.fetch } : {}) });
  const now = params.now ?? (() => Math.floor(Date.now() / 1000));
  const consentDays = params.consentDays ?? 180;

  /** The consent as the bank sees it now: valid, or a typed error saying why not. */
  async function requireValid(consentId: string): Promise<void> {
    const status = await client.consentStatus(consentId);
    if (status === 'expired') {
      throw new ConsentInvalidError('The bank consent has expired.', { field: 'consent', reason: 'expired' });
    }
    if (status === 'revokedByPsu' || status === 'terminatedByTpp') {
      throw new ConsentInvalidError('The bank consent was revoked.', { field: 'consent', reason: 'revoked' });
    }
    if (status !== 'valid') {
      throw new ConsentInvalidError(`The bank consent is ${status}, not approved.`, {
        field: 'consent',
        reason: 'not-approved',
      });
    }
  }

  return defineAdapter<BankLogin, BankData>({
    id: 'bank',
    name: params.bankName,
    description: `Read from your account at ${params.bankName} with your approval (PSD2): country of the account, age band, yearly income band, customer since. Your approval lets this wallet renew them for ${consentDays} days; revoke it at your bank any time.`,
    selfAsserted: false,
    attributes: ['accountCountry', 'ageBand', 'incomeBand', 'customerSince'],
    validForSeconds: params.validForSeconds ?? 90 * DAY,
    async startAuthentication(session) {
      const redirect = new URL(session.callbackUrl);
      redirect.searchParams.set('state', session.nonce);
      const nok = new URL(redirect);
      nok.searchParams.set('outcome', 'denied');
      const validUntil = isoDay(now() + consentDays * DAY);
      const { consentId, scaRedirect } = await client.createConsent({
        redirectUri: redirect.href,
        nokRedirectUri: nok.href,
        validUntil,
      });
      session.state.consentId = consentId;
      session.state.validUntil = validUntil;
      return { kind: 'redirect', url: scaRedirect };
    },
    async authenticate(session, input) {
      const consentId = session.state.consentId;
      if (!consentId || input.query?.state !== session.nonce) {
        throw new ConsentInvalidError('This bank approval belongs to another issuance session.', {
          field: 'query.state',
          reason: 'other-session',
        });
      }
      if (input.query?.outcome === 'denied') {
        throw new ConsentInvalidError('You did not approve access at the bank.', {
          field: 'consent',
          reason: 'not-approved',
        });
      }
      await requireValid(consentId);
      return { consentId, validUntil: session.state.validUntil ?? isoDay(now() + DAY) };
    },
    async read({ consentId }) {
      const accounts = await client.accounts(consentId);
      const first = accounts[0];
      if (!first) throw new SourceUnavailableError('The bank shows no account under this consent.', { field: 'bank' });
      const account = await client.accountDetails(consentId, first.resourceId);
      const transactions = await client.bookedTransactions(consentId, first.resourceId, '1970-01-01');
      return { account, transactions };
    },
    renewal: {
      grantFor: ({ consentId, validUntil }) => ({
        data: { consentId, validUntil },
        until: Math.floor(Date.parse(`${validUntil}T23:59:59Z`) / 1000),
      }),
      async resume({ consentId = '', validUntil = '' }) {
        await requireValid(consentId);
        return { consentId, validUntil };
      },
    },
    derive({ account, transactions }, at) {
      const out = [];
      const country = account.iban.slice(0, 2);
      out.push({ attribute: 'accountCountry', value: country, description: `your account is in ${country}` });
      if (account.ownerDateOfBirth) {
        const band = bandFloor(ageInYears(account.ownerDateOfBirth, at), AGE_BANDS);
        out.push({ attribute: 'ageBand', value: band, description: `age ${describeBand(band, AGE_BANDS)}` });
      }
      const yearAgo = isoDay(at - 365 * DAY);
      const incomeCents = transactions
        .filter((entry) => entry.bookingDate >= yearAgo && !entry.transactionAmount.amount.startsWith('-'))
        .reduce((sum, entry) => sum + Math.round(Number(entry.transactionAmount.amount) * 100), 0);
      const income = bandFloor(Math.floor(incomeCents / 100), INCOME_BANDS_EUR);
      out.push({
        attribute: 'incomeBand',
        value: income,
        description: `money in over the last year: ${describeBand(income, INCOME_BANDS_EUR, 'euros')}`,
      });
      const earliest = transactions.map((entry) => entry.bookingDate).sort()[0];
      if (earliest) {
        out.push({
          attribute: 'customerSince',
          value: startOfYear(earliest),
          description: `customer since ${earliest.slice(0, 4)}`,
        });
      }
      return out;
    },
  });
}
