import { describe, expect, it } from 'vitest';
import { DecdpError } from '../errors/index.ts';
import { packRecipientAndTime } from '../protocol/publicSignals.ts';
import { checkProofBinding } from './checkProofBinding.ts';

const recipient = 0x70997970c51812dc3a010c7d01b50e0d17dc79c8n;
const now = 1_800_000_000;
const expected = {
  statementHash: 11n,
  contextHash: 22n,
  nullifier: 33n,
  recipient,
  now,
  maxAgeSeconds: 600,
  maxDriftSeconds: 120,
  expiresAt: now + 3600,
};
const messages = { statementHash: 'statement', contextHash: 'context', nullifier: 'nullifier', expired: 'expired' };
const signalsOf = (
  changes: { statement?: bigint; context?: bigint; nullifier?: bigint; time?: number; to?: bigint } = {},
) => [
  String(changes.statement ?? 11n),
  String(changes.nullifier ?? 33n),
  String(packRecipientAndTime({ recipient: changes.to ?? recipient, now: changes.time ?? now })),
  String(changes.context ?? 22n),
];
function failure(
  publicSignals: string[],
  overrides: Partial<typeof expected> = {},
): [string, string | undefined, string] {
  try {
    checkProofBinding({ publicSignals, field: 'p', expected: { ...expected, ...overrides }, messages });
    return ['OK', undefined, ''];
  } catch (error) {
    if (!(error instanceof DecdpError)) throw error;
    return [error.code, error.field, error.shortMessage];
  }
}

describe('checkProofBinding', () => {
  it('returns the signals of a proof bound as expected (first proof: any nullifier)', () => {
    expect(checkProofBinding({ publicSignals: signalsOf(), field: 'p', expected, messages }).nullifier).toBe(33n);
    expect(failure(signalsOf({ nullifier: 44n }), { nullifier: undefined })[0]).toBe('OK');
  });

  it('names the signal at fault in the caller’s words', () => {
    expect(failure(signalsOf({ statement: 12n }))).toEqual([
      'PROOF_MISMATCH',
      'p.publicSignals.statementHash',
      'statement',
    ]);
    expect(failure(signalsOf({ context: 23n }))).toEqual(['PROOF_MISMATCH', 'p.publicSignals.contextHash', 'context']);
    expect(failure(signalsOf({ nullifier: 34n }))).toEqual([
      'PROOF_MISMATCH',
      'p.publicSignals.nullifier',
      'nullifier',
    ]);
  });

  it('refuses another recipient, a stale or future time, and a time after the request expired', () => {
    const field = 'p.publicSignals.recipientAndTime';
    expect(failure(signalsOf({ to: recipient + 1n }))[1]).toBe(field);
    expect(failure(signalsOf({ time: now - 601 }))).toEqual(['PROOF_MISMATCH', field, 'The proof is not recent.']);
    expect(failure(signalsOf({ time: now + 121 }))).toEqual(['PROOF_MISMATCH', field, 'The proof is not recent.']);
    expect(failure(signalsOf({ time: now + 60 }), { expiresAt: now + 60 })).toEqual([
      'PROOF_MISMATCH',
      field,
      'expired',
    ]);
    expect(failure(signalsOf({ time: now - 600 }))[0]).toBe('OK');
  });
});

describe('checkProofBinding with the caller’s refusal', () => {
  it('hands the failed check to `refuse` and throws what it makes; no expiry when expiresAt is undefined', () => {
    const checks: string[] = [];
    const refuse = (failure: { check: string; field: string }) => {
      checks.push(`${failure.check} ${failure.field}`);
      return new DecdpError('REVOCATION_INVALID', 'mine');
    };
    const run = (publicSignals: string[], overrides: Partial<typeof expected> = {}) => {
      try {
        checkProofBinding({ publicSignals, field: 'p', expected: { ...expected, ...overrides }, messages, refuse });
        return 'OK';
      } catch (error) {
        return (error as DecdpError).code;
      }
    };
    expect(run(signalsOf({ context: 23n }))).toBe('REVOCATION_INVALID');
    expect(run(signalsOf({ to: 1n }))).toBe('REVOCATION_INVALID');
    expect(run(signalsOf({ time: now + 200 }))).toBe('REVOCATION_INVALID');
    expect(run(signalsOf({ time: now + 60 }), { expiresAt: now + 60 })).toBe('REVOCATION_INVALID');
    expect(run(signalsOf({ time: now + 60 }), { expiresAt: undefined })).toBe('OK');
    expect(run([...signalsOf().slice(0, 2), String(1n << 230n), '22'])).toBe('REVOCATION_INVALID');
    expect(checks).toEqual([
      'contextHash p.publicSignals.contextHash',
      'recipient p.publicSignals.recipientAndTime',
      'time p.publicSignals.recipientAndTime',
      'expired p.publicSignals.recipientAndTime',
      'unreadable p.publicSignals.recipientAndTime',
    ]);
  });
});
