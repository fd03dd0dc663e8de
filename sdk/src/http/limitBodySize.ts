// The body-size limit every service shares. Hono's bodyLimit reads `c.req.raw.body`, which makes
// @hono/node-server build a whole web Request with a stream for every request (≈ 10 % of the
// merchant service's event-loop time per answer); with a Content-Length and no Transfer-Encoding
// the header alone decides, and the body is later read straight from Node's request.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError } from '../errors/index.ts';

export function limitBodySize(maxBytes: number): MiddlewareHandler {
  const tooLarge = (): never => {
    throw new PayloadTooLargeError('The request body is too large.', { hint: `Send at most ${maxBytes} bytes.` });
  };
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (!/^\d+$/.test(length) || Number(length) > maxBytes) tooLarge();
      return next();
    }
    return streamed(c, next);
  };
}
