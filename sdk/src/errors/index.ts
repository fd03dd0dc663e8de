export { DecdpError, type DecdpErrorOptions, walkError } from './DecdpError.ts';
export * from './errors.ts';
export { ERROR_STATUS, errorBody, httpStatusOf } from './httpStatus.ts';
