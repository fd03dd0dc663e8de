// Constraint-level tests: cheating witnesses checked against the committed r1cs.
// credential.test.ts asks the witness generator, whose asserts a cheating prover simply skips; here
// each cheat is a whole witness (computed by the circuit's wasm with its asserts off, then edited
// where a cheater would assign bits or flags by hand), and the committed r1cs must refuse it in the
// named constraint. Dropping that constraint from the circuit makes the test fail.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getBytes } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialMessage } from '../sdk/src/protocol/credential.ts';
import { OPERATOR_CODES, type Operator } from '../sdk/src/protocol/operators.ts';
import { ISSUER_PRIVATE_KEY, makeHolder } from '../sdk/src/testing/demo.ts';
import { signPoseidonMessage } from '../sdk/src/zk/eddsa.ts';
import { FIELD_MODULUS } from '../sdk/src/zk/field.ts';
import { compileCircuit, paths, sha256File } from './artifacts.ts';
import {
  brokenConstraints,
  constraintSignals,
  type R1cs,
  readR1cs,
  readSymbols,
  uncheckedWitness,
  type WitnessInput,
  withoutAsserts,
} from './constraintCheck.ts';

const committed = JSON.parse(await readFile(paths.checksums, 'utf8')) as { sha256: { r1cs: string } };
const now = BigInt(Math.floor(Date.now() / 1000));
let r1cs: R1cs;
let symbols: Map<number, string[]>;
let wireOf: Map<string, number>;
let wasm: Uint8Array<ArrayBuffer>;
let holder: Awaited<ReturnType<typeof makeHolder>>;
let buildDir: string;

beforeAll(async () => {
  // Signal names come from a fresh compile with --sym; they name the committed r1cs only because the
  // fresh r1cs is byte-identical to it (checked here).
  buildDir = await mkdtemp(join(tmpdir(), 'decdp-constraints-'));
  const compiled = await compileCircuit(buildDir, { symbols: true });
  expect(await sha256File(compiled.r1cs)).toBe(committed.sha256.r1cs);
  expect(await sha256File(paths.r1cs)).toBe(committed.sha256.r1cs);
  r1cs = await readR1cs(paths.r1cs);
  symbols = await readSymbols(compiled.symbols);
  wireOf = new Map([...symbols].flatMap(([wire, names]) => names.map((name) => [name, wire] as const)));
  const patched = withoutAsserts(await readFile(paths.wasm));
  expect(patched.asserts).toBeGreaterThan(20); // every Num2Bits, IsEqual, the predicate's checks…
  wasm = patched.wasm;
  holder = await makeHolder({ now: Number(now) });
}, 120_000);

afterAll(async () => {
  await rm(buildDir, { recursive: true, force: true });
});

/** A credential input for attribute `age` (code 1) with any encoded value, signed by the demo issuer. */
async function signedInput(value: bigint): Promise<WitnessInput> {
  const issuedAt = now - 60n;
  const expiresAt = now + 86_400n;
  const nonce = 7n;
  const message = await credentialMessage({
    commitment: holder.commitment,
    attributeCode: 1n,
    encodedValue: value,
    issuedAt,
    expiresAt,
    nonce,
  });
  const signature = await signPoseidonMessage(getBytes(ISSUER_PRIVATE_KEY), message);
  return {
    holderSecret: holder.holderSecret,
    value,
    issuedAt,
    expiresAt,
    credentialNonce: nonce,
    issuerAx: holder.issuer.publicKey.x,
    issuerAy: holder.issuer.publicKey.y,
    signatureS: signature.S,
    signatureR8x: signature.R8x,
    signatureR8y: signature.R8y,
    attributeId: 1n,
    operator: 0n,
    operandA: 0n,
    operandB: 0n,
    set: new Array(10).fill(0n),
    merchantScope: 11n,
    nullifierScope: 22n,
    now,
    recipient: 33n,
    requestHash: 44n,
  };
}

async function predicateInput(
  value: bigint,
  op: Operator,
  operands: { a?: bigint; b?: bigint; set?: readonly bigint[] } = {},
): Promise<WitnessInput> {
  const set = operands.set ?? [];
  return {
    ...(await signedInput(value)),
    operator: BigInt(OPERATOR_CODES[op]),
    operandA: operands.a ?? 0n,
    operandB: operands.b ?? 0n,
    set: set.length ? [...set, ...new Array(10 - set.length).fill(set[0])] : new Array(10).fill(0n),
  };
}

function wire(name: string): number {
  const index = wireOf.get(name);
  if (index === undefined) throw new Error(`no wire named ${name} (optimised away?)`);
  return index;
}

/** The signals each broken constraint mentions. */
function brokenSignals(witness: readonly bigint[]): string[][] {
  return brokenConstraints(r1cs, witness).map((index) => {
    const constraint = r1cs.constraints[index];
    if (!constraint) throw new Error('no such constraint');
    return constraintSignals(constraint, symbols);
  });
}

/** The components (signal name without its last part) each broken constraint mentions. */
function brokenComponents(witness: readonly bigint[]): string[][] {
  return brokenSignals(witness).map((names) => [...new Set(names.map((name) => name.replace(/\.[^.]+$/, '')))].sort());
}

/** Every broken constraint mentions a signal of `component`, and at least one is broken. */
function expectRefusedBy(witness: readonly bigint[], component: string): void {
  const broken = brokenComponents(witness);
  expect(broken.length).toBeGreaterThan(0);
  for (const components of broken) expect(components).toContain(component);
}

const P = FIELD_MODULUS;

describe('credential circuit against its committed r1cs', () => {
  it('an honest witness satisfies every constraint', async () => {
    for (const [op, operands] of [
      ['between', { a: 18n, b: 65n }],
      ['lt', { a: 35n }],
      ['in', { set: [20n, 34n] }],
      ['notIn', { set: [20n, 50n] }],
      ['exists', {}],
    ] as const) {
      const { witness, failedAsserts } = await uncheckedWitness(wasm, await predicateInput(34n, op, operands));
      expect(failedAsserts).toBe(0);
      expect(brokenConstraints(r1cs, witness)).toEqual([]);
    }
  });

  it('a witness the generator refuses breaks a constraint too (the checker can fail)', async () => {
    // 34 < 30 is false: the generator's assert fails and so does `holds === 1`.
    const { witness, failedAsserts } = await uncheckedWitness(wasm, await predicateInput(34n, 'lt', { a: 30n }));
    expect(failedAsserts).toBeGreaterThan(0);
    expect(brokenConstraints(r1cs, witness).length).toBeGreaterThan(0);
  });
});

describe('cheating witnesses are refused by the named constraint', () => {
  it('a value ≥ 2^64 under an order operator (p − 1 "is below 10" after wrapping): valueBits', async () => {
    const { witness } = await uncheckedWitness(wasm, await predicateInput(P - 1n, 'lt', { a: 10n }));
    expect(witness[wire('main.selected[3]')]).toBe(1n); // the wrapped comparison says "holds"
    expectRefusedBy(witness, 'main.valueBits');
  });

  it('an operand ≥ 2^64 under an order operator (34 ≥ p − 1 after wrapping): aBits', async () => {
    const { witness } = await uncheckedWitness(wasm, await predicateInput(34n, 'gte', { a: P - 1n }));
    expect(witness[wire('main.selected[6]')]).toBe(1n);
    expectRefusedBy(witness, 'main.aBits');
  });

  it('an upper bound ≥ 2^64 (34 "not between" 18 and p − 1): bBits', async () => {
    const { witness } = await uncheckedWitness(wasm, await predicateInput(34n, 'notBetween', { a: 18n, b: P - 1n }));
    expect(witness[wire('main.selected[8]')]).toBe(1n);
    for (const components of brokenComponents(witness)) {
      expect(components.some((c) => c === 'main.bBits' || c === 'main.boundsSwapped')).toBe(true);
    }
    expect(brokenComponents(witness).some((components) => components.includes('main.bBits'))).toBe(true);
  });

  it('swapped range bounds (34 "not between" 65 and 18, true of every value): boundsSwapped', async () => {
    const { witness } = await uncheckedWitness(wasm, await predicateInput(34n, 'notBetween', { a: 65n, b: 18n }));
    expect(witness[wire('main.selected[8]')]).toBe(1n);
    expectRefusedBy(witness, 'main.boundsSwapped');
  });

  it('a recipient ≥ 2^160 that moves the packed time forward: recipientBits', async () => {
    const input = { ...(await predicateInput(34n, 'exists')), recipient: (1n << 160n) + 33n };
    const { witness } = await uncheckedWitness(wasm, input);
    // Packed, it reads as recipient 33 at now + 1.
    expect(witness[3]).toBe(33n + (now + 1n) * (1n << 160n));
    expectRefusedBy(witness, 'main.recipientBits');
  });

  it.each([0n, 12n, P - 1n])('operator %s (outside 1–11): the one-flag sum', async (operator) => {
    const { witness } = await uncheckedWitness(wasm, { ...(await predicateInput(34n, 'exists')), operator });
    const broken = brokenComponents(witness);
    expect(broken.length).toBeGreaterThan(0);
    // `opSum === 1` over the operator flags; `holds === 1` over the selected results breaks as well.
    expect(broken.some((components) => components.some((c) => c.startsWith('main.opEq')))).toBe(true);
  });

  it('membership of a value not in the set (an equality flag set by hand): equalsMember', async () => {
    const { witness } = await uncheckedWitness(wasm, await predicateInput(34n, 'in', { set: [20n, 50n] }));
    // The cheater claims 34 = 20: IsZero's inverse 0 makes its flag 1 (out = 1 − in·inv), then the
    // chain that follows: not a member so far = 0, `in` selected.
    witness[wire('main.equalsMember[0].isz.inv')] = 0n;
    for (let i = 0; i < 10; i++) witness[wire(`main.notMemberSoFar[${i + 1}]`)] = 0n;
    witness[wire('main.selected[9]')] = 1n;
    // IsEqual's in · out === 0, with out = 1 − notMemberSoFar[1] substituted by circom --O2.
    expect(brokenSignals(witness)).toEqual([['main.notMemberSoFar[1]', 'main.set[0]', 'main.value']]);
  });

  it('non-membership of a value in the set (the chain set by hand): notMemberSoFar', async () => {
    const { witness } = await uncheckedWitness(wasm, await predicateInput(34n, 'notIn', { set: [34n, 50n] }));
    // IsEqual's flag is 1 − in·inv with in = 0: no inverse clears it, so the cheater must break the
    // product chain notMemberSoFar[i+1] = notMemberSoFar[i] · (1 − flag) instead.
    for (let i = 0; i < 10; i++) witness[wire(`main.notMemberSoFar[${i + 1}]`)] = 1n;
    const broken = brokenSignals(witness);
    expect(broken.length).toBeGreaterThan(0);
    for (const signals of broken) expect(signals.some((name) => name.startsWith('main.notMemberSoFar['))).toBe(true);
  });
});
