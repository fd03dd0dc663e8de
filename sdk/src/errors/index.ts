export { DecdpError, type DecdpErrorOptions, walkError } from './DecdpError.ts';
export { errorBody, httpStatusOf } from './errorResponse.ts';
export * from './errors.ts';
export { type DecdpErrorCode, ERROR_STATUS, isDecdpErrorCode } from './httpStatus.ts';
