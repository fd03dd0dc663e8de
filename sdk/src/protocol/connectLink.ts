// "Connect this shop" as a link a merchant publishes: it opens the wallet's connect screen on the
// shop's service URL. Nothing is connected by opening it: the wallet shows who the shop is and what
// connecting means, and only the person's click opens an inbox (wallet/connectMerchant).
import { InvalidInputError } from '../errors/index.ts';

/**
 * `<walletUrl>#/connect?merchant=<encoded service URL>`.
 * @example connectLink({ walletUrl: 'https://wallet.example/', merchantUrl: 'https://shop.example/api/' })
 * @since 0.2.0
 */
export function connectLink(params: { walletUrl: string; merchantUrl: string }): string {
  const base = new URL(params.walletUrl);
  base.hash = '';
  return `${base.href}#/connect?merchant=${encodeURIComponent(shopUrl(params.merchantUrl))}`;
}

/**
 * The shop's service URL in a connect link's `merchant` field: http(s) only, with a trailing slash.
 * @since 0.2.0
 */
export function shopUrl(value: string, field = 'merchantUrl'): string {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    throw new InvalidInputError('The shop address must be an http(s) URL.', { field, hint: 'Check the shop address.' });
  }
  url.hash = '';
  url.search = '';
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url.href;
}
