export { DecdpError, type DecdpErrorOptions, walkError } from './DecdpError.ts';
export * from './errors.ts';
export { type DecdpErrorCode, ERROR_STATUS, errorBody, httpStatusOf, isDecdpErrorCode } from './httpStatus.ts';
