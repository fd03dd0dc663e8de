import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, errorBody, httpStatusOf } from './httpStatus.ts';
import * as errors from './index.ts';
import { DecdpError } from './index.ts';

describe('the one error table', () => {
  it('docs/merchant.md prints exactly this table', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../docs/merchant.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| ([A-Z_]+) +\| (\d{3}) +\|/gm)].map((match) => [match[1], Number(match[2])]);
    expect(Object.fromEntries(rows)).toEqual(ERROR_STATUS);
  });

  it('has a status for every error class the SDK defines', () => {
    type ErrorClass = new (message: string, options: { retryAfterSeconds: number }) => DecdpError;
    const classes = Object.values(errors).filter(
      (value) => typeof value === 'function' && value.prototype instanceof DecdpError,
    ) as unknown as ErrorClass[];
    const codes = classes
      .map((ErrorClass) => new ErrorClass('x', { retryAfterSeconds: 1 }).code)
      .filter((code) => code !== 'ARTIFACT_CHECKSUM_MISMATCH');
    expect(codes.length).toBeGreaterThan(15);
    for (const code of codes) expect(ERROR_STATUS, code).toHaveProperty(code);
  });

  it('answers unknown failures with INTERNAL and no detail', () => {
    expect(httpStatusOf(new Error('secret detail'))).toBe(500);
    expect(JSON.stringify(errorBody(new Error('secret detail')))).not.toContain('secret');
  });
});
