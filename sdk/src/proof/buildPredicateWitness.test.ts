import { beforeAll, describe, expect, it } from 'vitest';
import { resolvePredicate } from '../protocol/predicate.ts';
import { makeHolder } from '../testing/demo.ts';
import { buildPredicateWitness, type PredicateContext } from './buildPredicateWitness.ts';

let holder: Awaited<ReturnType<typeof makeHolder>>;
const now = 1_800_000_000;
const context: PredicateContext = { now, merchantScope: 1n, nullifierScope: 2n, recipient: 3n, requestHash: 4n };

beforeAll(async () => {
  holder = await makeHolder({ now });
});

function attempt(overrides: { value?: string; context?: Partial<PredicateContext> }, predicate: unknown) {
  const [age] = holder.credentials;
  if (!age) throw new Error('fixture changed');
  const credential = structuredClone(age);
  if (overrides.value) credential.decdp.encodedValue = overrides.value;
  try {
    buildPredicateWitness({
      credential,
      holderSecret: holder.holderSecret,
      predicate: predicate as never,
      context: { ...context, ...overrides.context },
      field: 'p',
    });
    return 'OK';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('buildPredicateWitness', () => {
  it('builds the circuit input of an honest predicate: every input private, no public list', async () => {
    const predicate = await resolvePredicate({ attribute: 'age', op: 'gte', value: 18 }, 'p');
    const [age] = holder.credentials;
    if (!age) throw new Error('fixture changed');
    const input = buildPredicateWitness({
      credential: age,
      holderSecret: holder.holderSecret,
      predicate,
      context,
      field: 'p',
    });
    expect(input).toMatchObject({ value: '34', operator: '6', operandA: '18', now: String(now), recipient: '3' });
  });

  it('refuses a credential value above 2^64 in an order comparison, before proving', async () => {
    const predicate = await resolvePredicate({ attribute: 'age', op: 'gte', value: 18 }, 'p');
    expect(attempt({ value: (1n << 64n).toString() }, predicate)).toBe('VALUE_OUT_OF_RANGE');
    expect(attempt({ value: ((1n << 64n) - 1n).toString() }, predicate)).toBe('OK');
  });

  it('refuses a recipient of 2^160 or more and a time of 2^64 or more', async () => {
    const predicate = await resolvePredicate({ attribute: 'age', op: 'exists' }, 'p');
    expect(attempt({ context: { recipient: 1n << 160n } }, predicate)).toBe('VALUE_OUT_OF_RANGE');
    expect(attempt({ context: { now: 2 ** 64 } }, predicate)).not.toBe('OK');
  });

  it('refuses a predicate the credential does not meet', async () => {
    const predicate = await resolvePredicate({ attribute: 'age', op: 'between', range: [40, 65] }, 'p');
    expect(attempt({}, predicate)).toBe('PREDICATE_NOT_SATISFIED');
  });
});
