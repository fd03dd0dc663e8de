// The JSON edge every service shares: bodies in (content type, then JSON) and errors out (a
// DecdpError's code and its status from the one table; anything else 500 INTERNAL, logged, no
// detail). Routes parse with their own schema after this.
import type { Context, Hono } from 'hono';
import type { Logger } from 'pino';
import {
  DecdpError,
  errorBody,
  httpStatusOf,
  InvalidInputError,
  NotFoundError,
  RateLimitedError,
  UnsupportedMediaTypeError,
} from '../errors/index.ts';

/** The body as text, after the content-type check (an idempotency fingerprint needs the bytes). */
export async function readJsonText(c: Context): Promise<string> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new UnsupportedMediaTypeError('Send JSON with Content-Type: application/json.', {
      field: 'header.Content-Type',
    });
  }
  return c.req.text();
}

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new InvalidInputError('The body is not valid JSON.', { field: 'body', cause });
  }
}

export async function readJsonBody(c: Context): Promise<unknown> {
  return parseJsonText(await readJsonText(c));
}

/**
 * Answers every thrown error as `{ error: { code, message, field?, hint? } }` with its status, and
 * an unknown route as NOT_FOUND; the code is kept on the context (`errorCode`) for the access log.
 */
export function answerErrorsAsJson(app: Hono, params: { log: Logger; notFoundHint: string }): void {
  app.onError((error, c) => {
    const known = error instanceof DecdpError;
    c.set('errorCode' as never, (known ? error.code : 'INTERNAL') as never);
    if (!known) params.log.error({ err: error }, 'unexpected error');
    if (error instanceof RateLimitedError) c.header('retry-after', String(error.retryAfterSeconds));
    return c.json(errorBody(error), httpStatusOf(error) as 400);
  });
  app.notFound(() => {
    throw new NotFoundError('No such endpoint.', { hint: params.notFoundHint });
  });
}
