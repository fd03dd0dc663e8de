// Errors in words for people: message and hint, whatever was thrown and wherever (worker,
// merchant service, pod, chain).
import { DecdpError, type DecdpErrorCode } from '@decdp/sdk/errors';

export type ErrorInWords = { code: string; message: string; hint?: string; field?: string };

export function errorInWords(error: unknown): ErrorInWords {
  if (error instanceof DecdpError) {
    return {
      code: error.code,
      message: error.shortMessage,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.field ? { field: error.field } : {}),
    };
  }
  if (isErrorInWords(error)) return error;
  if (error instanceof TypeError && /fetch/i.test(error.message)) {
    return {
      code: 'NETWORK',
      message: 'A server could not be reached.',
      hint: 'Check that DeCDP is running (`npm start`) and reload the page.',
    };
  }
  if (error instanceof Error) return { code: error.name, message: error.message };
  return { code: 'UNKNOWN', message: String(error) };
}

function isErrorInWords(value: unknown): value is ErrorInWords {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorInWords).code === 'string' &&
    typeof (value as ErrorInWords).message === 'string'
  );
}

/** A DecdpError rebuilt from its JSON shape (`toJSON()`, HTTP error bodies, worker messages). */
export class RemoteError extends DecdpError {
  override name = 'RemoteError';
  readonly status: number | undefined;
  constructor(body: ErrorInWords, status?: number) {
    // A service may answer a code this page does not know yet: it is kept as it came.
    super(body.code as DecdpErrorCode, body.message, {
      ...(body.field ? { field: body.field } : {}),
      ...(body.hint ? { hint: body.hint } : {}),
    });
    this.status = status;
  }
}
