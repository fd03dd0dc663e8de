import { describe, expect, it } from 'vitest';
import { poseidonHash } from '../zk/poseidon.ts';
import { resolvePredicate } from './predicate.ts';
import {
  contextHashOf,
  NULLIFIER_TAG,
  nullifierOf,
  PSEUDONYM_TAG,
  PUBLIC_SIGNAL_COUNT,
  PUBLIC_SIGNALS,
  packRecipientAndTime,
  predicateHashOf,
  pseudonymOf,
  publicSignalsFromArray,
  publicSignalsToArray,
  recipientOf,
  SIGNAL_INDEX,
  type Statement,
  statementHashOf,
  statementOf,
  unpackRecipientAndTime,
} from './publicSignals.ts';

const statement: Statement = {
  issuerKeyHash: 11n,
  attributeId: 1n,
  operator: 6n,
  operandA: 18n,
  operandB: 0n,
  setHash: 22n,
  merchantScope: 33n,
  nullifierScope: 44n,
};

describe('public signal layout (circuit v3)', () => {
  it('is four signals in a fixed order', () => {
    expect(PUBLIC_SIGNALS).toEqual(['statementHash', 'nullifier', 'recipientAndTime', 'contextHash']);
    expect(PUBLIC_SIGNAL_COUNT).toBe(4);
    expect(SIGNAL_INDEX).toEqual({ statementHash: 0, nullifier: 1, recipientAndTime: 2, contextHash: 3 });
    const named = publicSignalsFromArray(['1', '2', '3', '4']);
    expect(publicSignalsToArray(named)).toEqual(['1', '2', '3', '4']);
  });

  it('statementHash is Poseidon(Poseidon(predicate fields), issuer, merchant scope, nullifier scope)', async () => {
    const predicateHash = await poseidonHash([1n, 6n, 18n, 0n, 22n]);
    expect(await predicateHashOf(statement)).toBe(predicateHash);
    expect(await statementHashOf(statement)).toBe(await poseidonHash([predicateHash, 11n, 33n, 44n]));
    const swapped = { ...statement, operandA: 0n, operandB: 18n };
    expect(await statementHashOf(swapped)).not.toBe(await statementHashOf(statement));
  });

  it('statementOf takes a resolved predicate', async () => {
    const predicate = await resolvePredicate({ attribute: 'age', op: 'between', range: [18, 65] }, 'p');
    expect(statementOf(predicate, { issuerKeyHash: 1n, merchantScope: 2n, nullifierScope: 3n })).toMatchObject({
      attributeId: 1n,
      operator: 7n,
      operandA: 18n,
      operandB: 65n,
    });
  });

  it('statementHashOf refuses what no proof can carry, with typed errors', async () => {
    expect(() => statementHashOf({ ...statement, operator: 12n })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_OPERATOR', field: 'statement.operator' }),
    );
    expect(() => statementHashOf({ ...statement, operandA: 1n << 254n })).toThrow(
      expect.objectContaining({ code: 'VALUE_OUT_OF_RANGE', field: 'statement.operandA' }),
    );
    expect(() => statementHashOf({ ...statement, operator: 8n, operandA: 65n, operandB: 18n })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'statement.operandA' }),
    );
    expect(() => statementHashOf({ ...statement, setHash: 5 as unknown as bigint })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'statement.setHash' }),
    );
  });

  it('nullifier and pseudonym carry distinct constant domain tags, so equal scopes give different values', async () => {
    expect(NULLIFIER_TAG).toBe(BigInt(`0x${Buffer.from('decdp:nullifier:v3').toString('hex')}`));
    expect(PSEUDONYM_TAG).toBe(BigInt(`0x${Buffer.from('decdp:pseudonym:v3').toString('hex')}`));
    const nullifier = await nullifierOf({ holderSecret: 7n, nullifierScope: 9n });
    const pseudonym = await pseudonymOf({ holderSecret: 7n, merchantScope: 9n });
    expect(nullifier).toBe(await poseidonHash([NULLIFIER_TAG, 7n, 9n]));
    expect(pseudonym).toBe(await poseidonHash([PSEUDONYM_TAG, 7n, 9n]));
    expect(nullifier).not.toBe(pseudonym);
  });

  it('contextHash is Poseidon(pseudonym, requestHash)', async () => {
    expect(await contextHashOf({ pseudonym: 5n, requestHash: 6n })).toBe(await poseidonHash([5n, 6n]));
  });

  it('packs recipient and time so a contract unpacks with a mask and a shift', () => {
    const recipient = BigInt('0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
    const packed = packRecipientAndTime({ recipient, now: 1_800_000_000 });
    expect(packed).toBe(recipient + (1_800_000_000n << 160n));
    expect(unpackRecipientAndTime(packed)).toEqual({ recipient, now: 1_800_000_000n });
    expect(recipientOf(['0', '0', packed.toString(), '0'])).toBe('0x70997970c51812dc3a010c7d01b50e0d17dc79c8');
    const max = packRecipientAndTime({ recipient: (1n << 160n) - 1n, now: (1n << 64n) - 1n });
    expect(max).toBe((1n << 224n) - 1n);
  });

  it('refuses a recipient ≥ 2^160, a time ≥ 2^64, and packed values ≥ 2^224', () => {
    expect(() => packRecipientAndTime({ recipient: 1n << 160n, now: 1 })).toThrow(
      expect.objectContaining({ code: 'VALUE_OUT_OF_RANGE', field: 'recipient' }),
    );
    expect(() => packRecipientAndTime({ recipient: 1n, now: 1n << 64n })).toThrow(
      expect.objectContaining({ code: 'VALUE_OUT_OF_RANGE', field: 'now' }),
    );
    expect(() => unpackRecipientAndTime(1n << 224n)).toThrow(expect.objectContaining({ code: 'VALUE_OUT_OF_RANGE' }));
  });
});
