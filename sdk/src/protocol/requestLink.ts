// A link that opens the wallet on a request, without any central list: either the signed request
// itself or the URL it can be fetched from, in the URL fragment, which browsers never send to the
// wallet's server. Built by the merchant, read by the wallet.
import { decodeBase64, encodeBase64, toUtf8Bytes, toUtf8String } from 'ethers';
import { InvalidInputError } from '../errors/index.ts';
import { parseSignedRequest, type SignedRequest } from './request.ts';

/** What a request link carries. */
export type RequestLinkTarget = { signedRequest: SignedRequest } | { requestUrl: string };

/**
 * `<walletUrl>#request=<base64url JSON>` (the whole signed request: nothing fetched from the
 * merchant before the person decides) or `<walletUrl>#request-url=<encoded URL>` (short enough for
 * a QR code; the wallet fetches the request from the merchant's `GET /requests/:id`).
 * @example requestLink({ walletUrl: 'https://wallet.example/', signedRequest })
 */
export function requestLink(params: { walletUrl: string } & RequestLinkTarget): string {
  const base = new URL(params.walletUrl);
  base.hash = '';
  if ('signedRequest' in params) {
    const json = JSON.stringify(parseSignedRequest(params.signedRequest));
    return `${base.href}#request=${toBase64Url(encodeBase64(toUtf8Bytes(json)))}`;
  }
  return `${base.href}#request-url=${encodeURIComponent(httpUrl(params.requestUrl, 'requestUrl'))}`;
}

/**
 * What a link (or just its fragment) opens: the signed request (schema checked; the wallet still
 * checks the signature and expiry with `explainRequest`) or an http(s) URL to fetch it from.
 * Throws InvalidInputError on anything else.
 */
export function parseRequestLink(link: string): RequestLinkTarget {
  const hash = link.includes('#') ? link.slice(link.indexOf('#') + 1) : link;
  const fields = new URLSearchParams(hash);
  const inline = fields.get('request');
  if (inline !== null) {
    let json: unknown;
    try {
      json = JSON.parse(toUtf8String(decodeBase64(fromBase64Url(inline))));
    } catch (cause) {
      throw new InvalidInputError('The link does not carry a readable request.', { field: 'link.request', cause });
    }
    return { signedRequest: parseSignedRequest(json) };
  }
  const url = fields.get('request-url');
  if (url !== null) return { requestUrl: httpUrl(url, 'link.request-url') };
  throw new InvalidInputError('The link carries no request.', {
    field: 'link',
    hint: 'A request link ends with #request=… or #request-url=….',
  });
}

function httpUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new InvalidInputError(`${field}: must be a URL.`, { field, cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidInputError(`${field}: must be an http(s) URL.`, { field });
  }
  return url.href;
}

function toBase64Url(base64: string): string {
  return base64.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(value: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) throw new Error('not base64url');
  const base64 = value.replaceAll('-', '+').replaceAll('_', '/');
  return base64 + '='.repeat((4 - (base64.length % 4)) % 4);
}
