import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import type { RequestPredicate } from '../protocol/request.ts';
import { DEMO_REWARD, demoRequest, merchantSigner } from '../testing/demo.ts';
import { explainRequest } from './explainRequest.ts';
import { decideByPolicies, parseStandingPolicy, policyFromRequest, type StandingPolicy } from './standingPolicy.ts';

const now = () => Math.floor(Date.now() / 1000);
const merchant = merchantSigner();
async function explained(predicates: RequestPredicate[], options: { paid?: boolean; signer?: Wallet } = {}) {
  const signed = await demoRequest(predicates, {
    signer: options.signer ?? merchant,
    ...(options.paid ? { reward: DEMO_REWARD } : {}),
  });
  return explainRequest(signed, { now: now() });
}
const policy = (fields: Partial<StandingPolicy> & Pick<StandingPolicy, 'id' | 'effect' | 'attributes'>) =>
  parseStandingPolicy({ version: 1, label: fields.id, createdAt: new Date().toISOString(), ...fields });

const adults = policy({
  id: 'adults',
  effect: 'allow',
  attributes: ['age'],
  predicate: { op: 'gte', value: 18 },
});
const noLocation = policy({ id: 'no-location', effect: 'deny', attributes: ['countryOfResidence', 'city'] });
const paidInterests = policy({
  id: 'paid-interests',
  effect: 'allow',
  attributes: ['interest'],
  minReward: '1000000000000000000',
});

describe('decideByPolicies', () => {
  it('approves "age ≥ 18" for any merchant under "always prove age ≥ 18"', async () => {
    const decision = decideByPolicies(await explained([{ attribute: 'age', op: 'gte', value: 18 }]), [adults]);
    expect(decision).toMatchObject({ decision: 'approve', policyIds: ['adults'] });
  });

  it('asks when the merchant wants more than the rule allows (age ≥ 21)', async () => {
    const decision = decideByPolicies(await explained([{ attribute: 'age', op: 'gte', value: 21 }]), [adults]);
    expect(decision.decision).toBe('ask');
  });

  it('deny rules win over allow rules, for any predicate in the request', async () => {
    const request = await explained([
      { attribute: 'age', op: 'gte', value: 18 },
      { attribute: 'countryOfResidence', op: 'eq', value: 'NL' },
    ]);
    expect(decideByPolicies(request, [adults, noLocation])).toMatchObject({
      decision: 'deny',
      policyIds: ['no-location'],
    });
  });

  it('approves paid interest requests only when the reward is high enough', async () => {
    const question: RequestPredicate[] = [{ attribute: 'interest', op: 'eq', value: 'cycling' }];
    expect(decideByPolicies(await explained(question, { paid: true }), [paidInterests]).decision).toBe('approve');
    expect(decideByPolicies(await explained(question), [paidInterests]).decision).toBe('ask');
  });

  it('never approves automatically when the request has a warning', async () => {
    const exact = await explained([{ attribute: 'age', op: 'eq', value: 34 }]);
    const anyAge = policy({ id: 'any-age', effect: 'allow', attributes: ['age'] });
    expect(decideByPolicies(exact, [anyAge]).decision).toBe('ask');
    const malformed = explainRequest({ nonsense: true }, { now: now() });
    expect(decideByPolicies(malformed, [anyAge]).decision).toBe('ask');
  });

  it('"always allow this" covers exactly these questions from this merchant only', async () => {
    const request = await explained([{ attribute: 'age', op: 'gte', value: 18 }]);
    const rules = policyFromRequest({ explained: request, effect: 'allow', id: 'p1', now: new Date() });
    expect(decideByPolicies(request, rules).decision).toBe('approve');
    const otherMerchant = await explained([{ attribute: 'age', op: 'gte', value: 18 }], {
      signer: new Wallet(Wallet.createRandom().privateKey),
    });
    expect(decideByPolicies(otherMerchant, rules).decision).toBe('ask');
    const never = policyFromRequest({ explained: request, effect: 'deny', id: 'p2', now: new Date() });
    expect(decideByPolicies(request, never).decision).toBe('deny');
  });

  it('refuses a malformed policy with the field named', () => {
    expect(() => parseStandingPolicy({ version: 1, id: 'x', effect: 'maybe' })).toThrow(/policy\.effect/);
  });
});
