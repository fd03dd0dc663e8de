import { describe, expect, it } from 'vitest';
import { DecdpError } from '../errors/index.ts';
import { type CheckBundleRequestParameters, checkBundleRequest } from './checkBundleRequest.ts';

const fields = { id: 'bundle.linkRequestId', hash: 'bundle.linkRequestHash', proofs: 'bundle.proofs' };
const request = { id: 'req-1', hash: 1234n, entries: 3 };
const bundle = { id: 'req-1', hash: '1234', indexes: [2, 0, 1] };

function outcome(changes: Partial<CheckBundleRequestParameters['bundle']>, entries = 3): string {
  try {
    checkBundleRequest({ bundle: { ...bundle, ...changes }, request: { ...request, entries }, fields });
    return 'OK';
  } catch (error) {
    if (!(error instanceof DecdpError)) throw error;
    return `${error.code} ${error.field}${error.hint ? '' : ' (no hint)'}`;
  }
}

describe('checkBundleRequest', () => {
  it('accepts a bundle for this request and version with one proof per entry, in any order', () => {
    expect(outcome({})).toBe('OK');
    expect(outcome({ indexes: [0] }, 1)).toBe('OK');
  });

  it('refuses another request or another version of it (PROOF_MISMATCH, the caller’s field)', () => {
    expect(outcome({ id: 'req-2' })).toBe('PROOF_MISMATCH bundle.linkRequestId');
    expect(outcome({ hash: '1235' })).toBe('PROOF_MISMATCH bundle.linkRequestHash');
    // The id is checked first: a bundle for another request is not "another version".
    expect(outcome({ id: 'req-2', hash: '1' })).toBe('PROOF_MISMATCH bundle.linkRequestId');
  });

  it('refuses a missing, repeated, extra or unknown entry (INVALID_INPUT)', () => {
    for (const indexes of [[0, 1], [0, 1, 1], [0, 1, 2, 3], [1, 2, 3], []]) {
      expect(outcome({ indexes }), String(indexes)).toBe('INVALID_INPUT bundle.proofs');
    }
  });

  it('orders indexes as numbers, not as text (10 after 9)', () => {
    const eleven = Array.from({ length: 11 }, (_, index) => 10 - index);
    expect(outcome({ indexes: eleven }, 11)).toBe('OK');
  });

  it('says what was expected and what came', () => {
    try {
      checkBundleRequest({ bundle: { ...bundle, indexes: [1, 1] }, request: { ...request, entries: 2 }, fields });
      expect.unreachable();
    } catch (error) {
      expect((error as DecdpError).details).toEqual(['Expected indexes 0 to 1, once each', 'Got 1, 1']);
    }
  });
});
