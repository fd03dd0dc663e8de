import QRCode from 'qrcode';
import { InvalidInputError } from '../errors/index.ts';

/**
 * An SVG QR code of a request link (`requestLink`, @decdp/sdk/protocol); use the short
 * `requestUrl` form, since a whole signed request is more than most phone cameras read reliably.
 * @example const svg = await requestQrCode({ link: requestLink({ walletUrl, requestUrl }) });
 * @since 0.2.0
 */
export async function requestQrCode(params: { link: string }): Promise<string> {
  try {
    return await QRCode.toString(params.link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  } catch (cause) {
    throw new InvalidInputError('The link does not fit in a QR code.', {
      field: 'link',
      cause,
      hint: 'Link to the request URL instead of carrying the whole request.',
    });
  }
}
