// Per-client fixed-window rate limit, in memory (one service process). Behind a proxy, pass the
// proxy's client header as `clientOf`; by default the TCP peer address is the client.
import { RateLimitedError } from '../errors/index.ts';

export type RateLimitOptions = {
  /** Requests allowed per client per window. */
  max: number;
  /** Window length in seconds; default 60. */
  windowSeconds?: number;
};

/** @since 0.2.0 */
export function createRateLimiter(options: RateLimitOptions, nowMs: () => number = Date.now) {
  const windowMs = (options.windowSeconds ?? 60) * 1000;
  let windowStart = nowMs();
  let counts = new Map<string, number>();
  return {
    /** Counts one request of `client`; throws RateLimitedError past the limit. */
    take(client: string): void {
      const now = nowMs();
      if (now - windowStart >= windowMs) {
        windowStart = now - ((now - windowStart) % windowMs);
        counts = new Map();
      }
      const used = (counts.get(client) ?? 0) + 1;
      counts.set(client, used);
      if (used > options.max) {
        const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
        throw new RateLimitedError(`More than ${options.max} requests in ${windowMs / 1000} s from this client.`, {
          retryAfterSeconds,
          hint: `Retry after ${retryAfterSeconds} s.`,
        });
      }
    },
  };
}
