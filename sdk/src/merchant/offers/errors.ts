// Failure kinds of the merchant's offer desk (docs/offers.md § Serving offers). Codes are stable API.
import { DecdpError, type DecdpErrorOptions } from '../../errors/index.ts';

/** A click for an impression this service never served to this client (or long forgotten). */
export class OfferNotShownError extends DecdpError {
  override name = 'OfferNotShownError';
  constructor(options: DecdpErrorOptions = {}) {
    super('OFFER_NOT_SHOWN', 'No offer was shown under this impression id to this client.', {
      field: 'body.impressionId',
      hint: 'Report a click with the impression id GET /offers returned, from the client it was shown to, within the click window.',
      ...options,
    });
  }
}
