import type { OfferExplanation } from '@decdp/sdk/offers';
import { describe, expect, it } from 'vitest';
import { whyInWords } from './OfferForContext.tsx';
import { interestInWords, readOptOuts } from './offerOptOuts.ts';

const explanation: OfferExplanation = {
  offerId: 'adult-ebike',
  offerTitle: 'E-bikes for adults',
  contextId: 'adults',
  context: { provenPredicates: ['age ≥ 18'], maskId: 'new-cyclist' },
  estimate: { ctr: 0.044, clicks: 54, impressions: 1200, prior: { alpha: 1, beta: 39 } },
  ctrInterval: { low: 0.034, high: 0.057, level: 0.95 },
  reason: 'exploration floor',
  breakdown: { rentalFloor: 0, explorationFloor: 10, highestExpectedClicks: 0 },
  share: 0.01,
  text: 'ignored: the wallet writes its own words',
};

describe('why this offer, in the wallet’s words', () => {
  it('names the context, the estimate with its interval and evidence, and what decided', () => {
    expect(whyInWords(explanation, 'Demo Bike Shop')).toEqual([
      'Chosen from: that you chose to prove “age ≥ 18”, that you wear the mask “new-cyclist”. Nothing else about you was used.',
      'Estimated click rate: 4.4 %, likely between 3.4 % and 5.7 % (54 clicks in 1200 displays so far).',
      'What decided: a learning share: every offer is shown a little so its click estimate stays current.',
    ]);
    const fresh = whyInWords(
      {
        ...explanation,
        context: {},
        reason: 'rental floor',
        estimate: { ...explanation.estimate, clicks: 0, impressions: 0 },
      },
      'Demo Bike Shop',
    );
    expect(fresh[0]).toBe('Chosen from: where it is shown at Demo Bike Shop. Nothing else about you was used.');
    expect(fresh[1]).toContain('no displays yet: a starting guess');
    expect(fresh[2]).toContain('a paid placement');
  });

  it('reads back only well-formed opt-outs', () => {
    const storage = { getItem: () => JSON.stringify(['predicate:age ≥ 18', 'age:34', 7, 'mask:new-cyclist']) };
    expect(readOptOuts(storage)).toEqual(['predicate:age ≥ 18', 'mask:new-cyclist']);
    expect(readOptOuts({ getItem: () => 'not json' })).toEqual([]);
    expect(interestInWords('keyword:helmet')).toBe('your search for “helmet”');
  });
});
