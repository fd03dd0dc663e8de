// What a service answers for a thrown error: the status from the one table, and a body that says
// only what the error chose to say (an unknown error never leaks its message).
import { DecdpError } from './DecdpError.ts';
import { ERROR_STATUS } from './httpStatus.ts';

/** @since 0.2.0 */
export function httpStatusOf(error: unknown): number {
  return error instanceof DecdpError ? ERROR_STATUS[error.code] : 500;
}

/** @since 0.2.0 */
export function errorBody(error: unknown): { error: { code: string; message: string; field?: string; hint?: string } } {
  if (error instanceof DecdpError) return { error: error.toJSON() };
  return { error: { code: 'INTERNAL', message: 'Something went wrong on the merchant side.' } };
}
