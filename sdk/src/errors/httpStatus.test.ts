import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHAIN_ERROR_CODES } from '../chain/decodeChainError.ts';
import * as collaborationErrors from '../collaboration/errors.ts';
import * as maskErrors from '../masks/errors.ts';
import * as offerErrors from '../offers/errors.ts';
import { errorBody, httpStatusOf } from './errorResponse.ts';
import { ERROR_STATUS, isDecdpErrorCode } from './httpStatus.ts';
import * as errors from './index.ts';
import { DecdpError } from './index.ts';

const root = join(import.meta.dirname, '..', '..', '..');

/** Every source file of the SDK and the app (tests aside). */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the one error table', () => {
  it('docs/merchant.md prints exactly this table', () => {
    const doc = readFileSync(join(root, 'docs', 'merchant.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| ([A-Z_]+) +\| (\d{3}) +\|/gm)].map((match) => [match[1], Number(match[2])]);
    expect(Object.fromEntries(rows)).toEqual(ERROR_STATUS);
  });

  it('has a status for every error class of errors/, collaboration, masks and offers', () => {
    const classes = [errors, collaborationErrors, maskErrors, offerErrors].flatMap((module) =>
      Object.values(module).filter(
        (value): value is new (...args: never[]) => DecdpError =>
          typeof value === 'function' && value.prototype instanceof DecdpError,
      ),
    );
    expect(classes.length).toBeGreaterThan(35);
    for (const ErrorClass of classes) {
      // Each constructor takes its message or subject first; the rest is optional or read loosely.
      const made = new (ErrorClass as unknown as new (first: unknown, second: unknown) => DecdpError)('x', {
        retryAfterSeconds: 1,
        field: 'x',
      });
      expect(ERROR_STATUS, `${ErrorClass.name}: ${made.code}`).toHaveProperty(made.code);
    }
  });

  it('has a status for every code the sources throw or map, and fails for one it does not know', () => {
    const thrown = new Set<string>(Object.values(CHAIN_ERROR_CODES));
    for (const file of [...sources('sdk/src'), ...sources('app/src')]) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:super|new DecdpError)\(\s*'([A-Z][A-Z0-9_]+)'/g))
        thrown.add(match[1] as string);
      for (const match of text.matchAll(/\bcode: '([A-Z][A-Z0-9_]+)'/g)) thrown.add(match[1] as string);
    }
    expect(thrown.size).toBeGreaterThan(40);
    // Auditor findings, wallet warnings and the wallet page's status lines (ErrorInWords) carry
    // codes of their own kind, not errors.
    const notErrors = [
      /^(CHECKSUM|VKEY|ZKEY|RECORD|BUNDLE_NOT_KEPT|PREDICATE_NOT_REQUESTED|UNEXPECTED_TABLE|FIELD_NOT_LIGHT)/,
      /^(PAYOUT_|RECORDED_PAYOUT_|NO_|POOL_VERIFIER|DEPLOYED_KEY|AUDIT_FAILED|MALFORMED|REVEALS_EXACT_VALUE)/,
      /^(UNKNOWN|WALLET_LOCKED|RECEIPT_WAITING|REQUEST_NOT_FOUND)$/,
    ];
    const missing = [...thrown].filter((code) => !isDecdpErrorCode(code) && !notErrors.some((kind) => kind.test(code)));
    expect(missing).toEqual([]);
    expect(isDecdpErrorCode('NO_SUCH_CODE')).toBe(false);
  });

  it('answers unknown failures with INTERNAL and no detail', () => {
    expect(httpStatusOf(new Error('secret detail'))).toBe(500);
    expect(JSON.stringify(errorBody(new Error('secret detail')))).not.toContain('secret');
  });
});
