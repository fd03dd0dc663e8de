// The circuit itself refuses dishonest witnesses: these bypass the wallet's own checks and feed
// snarkjs' witness calculator directly, so only the constraints stand in the way.
import { readFile } from 'node:fs/promises';
import { WitnessCalculatorBuilder } from 'circom_runtime';
import * as snarkjs from 'snarkjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_CODES, type Operator } from '../sdk/src/protocol/operators.ts';
import {
  contextHashOf,
  nullifierOf,
  PUBLIC_SIGNAL_COUNT,
  packRecipientAndTime,
  pseudonymOf,
  statementHashOf,
} from '../sdk/src/protocol/publicSignals.ts';
import { encodeCategory } from '../sdk/src/protocol/vocabulary.ts';
import { makeHolder } from '../sdk/src/testing/demo.ts';
import { poseidonHash } from '../sdk/src/zk/poseidon.ts';
import { paths } from './artifacts.ts';

type Input = Record<string, string | string[]>;
let holder: Awaited<ReturnType<typeof makeHolder>>;
const now = Math.floor(Date.now() / 1000);

/** An honest witness input for the age credential (value 34) and the given operator and operands. */
function ageInput(op: Operator, operands: { a?: bigint; b?: bigint; set?: bigint[] } = {}): Input {
  const credential = holder.credentials[0];
  if (credential?.credentialSubject.attribute !== 'age') throw new Error('fixture changed');
  const set = operands.set ?? [];
  const padded = set.length ? [...set, ...new Array(10 - set.length).fill(set[0])] : new Array(10).fill(0n);
  return {
    holderSecret: holder.holderSecret.toString(),
    value: credential.decdp.encodedValue,
    issuedAt: String(credential.decdp.issuedAt),
    expiresAt: String(credential.decdp.expiresAt),
    credentialNonce: credential.decdp.nonce,
    issuerAx: credential.issuer.publicKey.x,
    issuerAy: credential.issuer.publicKey.y,
    signatureS: credential.proof.signature.S,
    signatureR8x: credential.proof.signature.R8x,
    signatureR8y: credential.proof.signature.R8y,
    set: padded.map(String),
    attributeId: String(credential.decdp.attributeCode),
    operator: String(OPERATOR_CODES[op]),
    operandA: String(operands.a ?? 0n),
    operandB: String(operands.b ?? 0n),
    now: String(now),
    merchantScope: '1',
    nullifierScope: '2',
    recipient: '3',
    requestHash: '4',
  };
}

async function witnessOk(input: Input): Promise<boolean> {
  try {
    await snarkjs.wtns.calculate(input, paths.wasm, { type: 'mem' });
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  holder = await makeHolder({ now });
});

describe('credential circuit: every operator holds exactly when it should (age = 34)', () => {
  const cases: [Operator, { a?: bigint; b?: bigint; set?: bigint[] }, boolean][] = [
    ['eq', { a: 34n }, true],
    ['eq', { a: 35n }, false],
    ['ne', { a: 35n }, true],
    ['ne', { a: 34n }, false],
    ['lt', { a: 35n }, true],
    ['lt', { a: 34n }, false],
    ['lte', { a: 34n }, true],
    ['lte', { a: 33n }, false],
    ['gt', { a: 33n }, true],
    ['gt', { a: 34n }, false],
    ['gte', { a: 34n }, true],
    ['gte', { a: 35n }, false],
    ['between', { a: 18n, b: 34n }, true],
    ['between', { a: 35n, b: 99n }, false],
    ['notBetween', { a: 35n, b: 99n }, true],
    ['notBetween', { a: 18n, b: 65n }, false],
    ['notBetween', { a: 65n, b: 18n }, false], // swapped bounds: would hold for every value
    ['between', { a: 65n, b: 18n }, false],
    ['in', { set: [20n, 34n, 50n] }, true],
    ['in', { set: [20n, 50n] }, false],
    ['notIn', { set: [20n, 50n] }, true],
    ['notIn', { set: [34n] }, false],
    ['exists', {}, true],
  ];
  it.each(cases)('%s %o → %s', async (op, operands, holds) => {
    expect(await witnessOk(ageInput(op, operands))).toBe(holds);
  });
});

describe('credential circuit v3: the four public signals', () => {
  it('are statementHash, nullifier, recipientAndTime and contextHash, as the SDK computes them', async () => {
    const calculator = await WitnessCalculatorBuilder(await readFile(paths.wasm));
    const input = {
      ...ageInput('between', { a: 18n, b: 65n }),
      recipient: BigInt('0x70997970C51812dc3A010C7d01b50e0d17dc79C8').toString(),
    };
    const witness = await calculator.calculateWitness(
      Object.fromEntries(
        Object.entries(input).map(([key, value]) => [key, Array.isArray(value) ? value.map(BigInt) : BigInt(value)]),
      ),
      true,
    );
    const outputs = witness.slice(1, 1 + PUBLIC_SIGNAL_COUNT);
    const credential = holder.credentials[0];
    if (!credential) throw new Error('fixture changed');
    const secret = holder.holderSecret;
    expect(outputs).toEqual([
      await statementHashOf({
        issuerKeyHash: holder.issuer.keyHash,
        attributeId: 1n,
        operator: BigInt(OPERATOR_CODES.between),
        operandA: 18n,
        operandB: 65n,
        setHash: await poseidonHash(new Array(10).fill(0n)),
        merchantScope: 1n,
        nullifierScope: 2n,
      }),
      await nullifierOf({ holderSecret: secret, nullifierScope: 2n }),
      packRecipientAndTime({ recipient: BigInt(input.recipient), now }),
      await contextHashOf({
        pseudonym: await pseudonymOf({ holderSecret: secret, merchantScope: 1n }),
        requestHash: 4n,
      }),
    ]);
  });

  it('gives a nullifier and a pseudonym that differ for equal scopes (domain tags)', async () => {
    const calculator = await WitnessCalculatorBuilder(await readFile(paths.wasm));
    const input = { ...ageInput('exists'), merchantScope: '5', nullifierScope: '5', requestHash: '0' };
    const witness = await calculator.calculateWitness(
      Object.fromEntries(
        Object.entries(input).map(([key, value]) => [key, Array.isArray(value) ? value.map(BigInt) : BigInt(value)]),
      ),
      true,
    );
    const pseudonym = await pseudonymOf({ holderSecret: holder.holderSecret, merchantScope: 5n });
    expect(witness[2]).toBe(await nullifierOf({ holderSecret: holder.holderSecret, nullifierScope: 5n }));
    expect(witness[2]).not.toBe(pseudonym);
    expect(witness[4]).toBe(await contextHashOf({ pseudonym, requestHash: 0n }));
  });

  it('refuses a recipient of 2^160 or more (the packing would not be unique)', async () => {
    expect(await witnessOk({ ...ageInput('exists'), recipient: ((1n << 160n) - 1n).toString() })).toBe(true);
    expect(await witnessOk({ ...ageInput('exists'), recipient: (1n << 160n).toString() })).toBe(false);
  });

  it('refuses a time of 2^64 or more', async () => {
    const input = ageInput('exists');
    expect(await witnessOk({ ...input, now: (1n << 64n).toString(), expiresAt: (1n << 64n).toString() })).toBe(false);
  });
});

describe('credential circuit: dishonest witnesses fail', () => {
  it('a value the issuer did not sign', async () => {
    expect(await witnessOk({ ...ageInput('gte', { a: 65n }), value: '70' })).toBe(false);
  });
  it("someone else's credential (another holder secret)", async () => {
    expect(await witnessOk({ ...ageInput('gte', { a: 18n }), holderSecret: '42' })).toBe(false);
  });
  it('another attribute id than the one signed', async () => {
    expect(await witnessOk({ ...ageInput('gte', { a: 18n }), attributeId: '6' })).toBe(false);
  });
  it('an expired credential', async () => {
    const input = ageInput('gte', { a: 18n });
    expect(await witnessOk({ ...input, now: String(Number(input.expiresAt) + 1) })).toBe(false);
  });
  it('a time before issuance', async () => {
    const input = ageInput('gte', { a: 18n });
    expect(await witnessOk({ ...input, now: String(Number(input.issuedAt) - 1) })).toBe(false);
  });
  it('an operand above 2^64 for an order comparison (would wrap around in the field)', async () => {
    expect(await witnessOk(ageInput('lt', { a: 1n << 64n }))).toBe(false);
    expect(await witnessOk(ageInput('gte', { a: (1n << 253n) + 5n }))).toBe(false);
  });
  it('a value above 2^64 in an order comparison (a category hash compared with lt)', async () => {
    const country = holder.credentials[1];
    if (!country) throw new Error('fixture changed');
    expect(BigInt(country.decdp.encodedValue) > 1n << 64n).toBe(true);
    const input = {
      ...ageInput('lt', { a: (1n << 64n) - 1n }),
      value: country.decdp.encodedValue,
      issuedAt: String(country.decdp.issuedAt),
      expiresAt: String(country.decdp.expiresAt),
      credentialNonce: country.decdp.nonce,
      signatureS: country.proof.signature.S,
      signatureR8x: country.proof.signature.R8x,
      signatureR8y: country.proof.signature.R8y,
      attributeId: String(country.decdp.attributeCode),
    };
    expect(await witnessOk(input)).toBe(false);
    expect(await witnessOk({ ...input, operator: String(OPERATOR_CODES.ne), operandA: '5' })).toBe(true);
  });
  it('an unknown operator code', async () => {
    expect(await witnessOk({ ...ageInput('exists'), operator: '0' })).toBe(false);
    expect(await witnessOk({ ...ageInput('exists'), operator: '12' })).toBe(false);
  });
  it('a category compares by equality of its hash', async () => {
    const country = holder.credentials[1];
    if (!country) throw new Error('fixture changed');
    const base = ageInput('eq');
    const input = {
      ...base,
      value: country.decdp.encodedValue,
      issuedAt: String(country.decdp.issuedAt),
      expiresAt: String(country.decdp.expiresAt),
      credentialNonce: country.decdp.nonce,
      signatureS: country.proof.signature.S,
      signatureR8x: country.proof.signature.R8x,
      signatureR8y: country.proof.signature.R8y,
      attributeId: String(country.decdp.attributeCode),
    };
    expect(await witnessOk({ ...input, operandA: encodeCategory('nl').toString() })).toBe(true);
    expect(await witnessOk({ ...input, operandA: encodeCategory('BE').toString() })).toBe(false);
  });
  it('the set hash output commits to the set used', async () => {
    expect(await poseidonHash(new Array(10).fill(0n))).not.toBe(await poseidonHash([1n, ...new Array(9).fill(0n)]));
  });
});
