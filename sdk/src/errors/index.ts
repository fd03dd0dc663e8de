export { DecdpError, type DecdpErrorOptions, walkError } from './DecdpError.ts';
export * from './errors.ts';
