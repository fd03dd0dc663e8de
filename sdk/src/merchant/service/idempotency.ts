// Idempotency keys (IETF draft "The Idempotency-Key HTTP Header Field"): a client that retries a
// POST with the same key gets the first answer again instead of a second effect. The store keeps
// only hashes and the id of what was created (a request, a record, a relayed claim's transaction);
// the answer is rebuilt from it, so no request body is ever kept. A key reused with another body is refused; an error is never remembered (retry works).
import { createHash } from 'node:crypto';
import { IdempotencyKeyReusedError, InvalidInputError } from '../../errors/index.ts';
import type { MerchantStore } from '../../store/merchantStore.ts';

const sha256 = (text: string) => `0x${createHash('sha256').update(text).digest('hex')}`;

export type IdempotentResult = { status: number; resource: string };

export type IdempotencyKeys = Pick<MerchantStore, 'findIdempotencyKey' | 'rememberIdempotencyKey'>;

export function createIdempotency(params: { store: IdempotencyKeys; now: () => number }) {
  const inFlight = new Map<string, Promise<unknown>>();
  return {
    /**
     * Runs `work` once per key; a replay calls `rebuild` with the remembered resource. Without a
     * key, just runs `work`.
     */
    async run<T>(options: {
      key: string | undefined;
      method: string;
      path: string;
      body: string;
      work: () => Promise<T & IdempotentResult>;
      rebuild: (entry: IdempotentResult) => Promise<T & IdempotentResult>;
    }): Promise<{ result: T & IdempotentResult; replayed: boolean }> {
      if (options.key === undefined) return { result: await options.work(), replayed: false };
      if (!/^[\x21-\x7e]{1,255}$/.test(options.key)) {
        throw new InvalidInputError('Idempotency-Key must be 1–255 visible ASCII characters.', {
          field: 'header.Idempotency-Key',
        });
      }
      const keyHash = sha256(`idempotency-key\n${options.key}`);
      const fingerprint = sha256(`${options.method}\n${options.path}\n${options.body}`);
      // Requests with the same key wait for each other (in this process; the store decides across).
      const previous = inFlight.get(keyHash) ?? Promise.resolve();
      const current = previous
        .catch(() => {})
        .then(async () => {
          const found = await params.store.findIdempotencyKey(keyHash);
          if (found) {
            if (found.fingerprint !== fingerprint) {
              throw new IdempotencyKeyReusedError('This Idempotency-Key was used for a different request.', {
                field: 'header.Idempotency-Key',
                hint: 'Use a new key for each new request; reuse a key only to retry the same request.',
              });
            }
            return { result: await options.rebuild(found), replayed: true };
          }
          const result = await options.work();
          await params.store.rememberIdempotencyKey({
            keyHash,
            fingerprint,
            status: result.status,
            resource: result.resource,
            createdAt: params.now(),
          });
          return { result, replayed: false };
        });
      inFlight.set(keyHash, current);
      try {
        return await current;
      } finally {
        if (inFlight.get(keyHash) === current) inFlight.delete(keyHash);
      }
    },
  };
}
