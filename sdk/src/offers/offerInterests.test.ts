import { describe, expect, it } from 'vitest';
import { matchOfferContext, offerInterests, parseInterest, withoutInterests } from './offerInterests.ts';

const contexts = [
  { id: 'anywhere' },
  { id: 'search', page: '/search' },
  { id: 'search-helmet', page: '/search', keywords: ['helmet'] },
  { id: 'search-helmet-adult', page: '/search', keywords: ['helmet'], provenPredicates: ['age ≥ 18'] },
  { id: 'cyclists', maskId: 'new-cyclist' },
];

describe('offer interests', () => {
  it('lists every value a context uses', () => {
    expect(offerInterests(contexts[3] as (typeof contexts)[3])).toEqual([
      'page:/search',
      'keyword:helmet',
      'predicate:age ≥ 18',
    ]);
    expect(offerInterests({ maskId: 'new-cyclist' })).toEqual(['mask:new-cyclist']);
  });

  it('matches the most specific context using nothing beyond what is given', () => {
    const given = { page: '/search', keywords: ['helmet', 'red'], provenPredicates: ['age ≥ 18'] };
    expect(matchOfferContext({ contexts, given })?.id).toBe('search-helmet-adult');
    const optedOut = withoutInterests(given, new Set(['predicate:age ≥ 18']));
    expect(optedOut).toEqual({ page: '/search', keywords: ['helmet', 'red'] });
    expect(matchOfferContext({ contexts, given: optedOut })?.id).toBe('search-helmet');
    expect(matchOfferContext({ contexts, given: withoutInterests(given, new Set(['page:/search'])) })?.id).toBe(
      'anywhere',
    );
    expect(matchOfferContext({ contexts: contexts.slice(1), given: {} })).toBeUndefined();
  });

  it('refuses anything that is not kind:value', () => {
    expect(parseInterest('mask:new-cyclist', 'body.interest')).toBe('mask:new-cyclist');
    for (const bad of ['age:34', 'predicate:', 'helmet', 7, `keyword:${'x'.repeat(201)}`]) {
      expect(() => parseInterest(bad, 'body.interest')).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT', field: 'body.interest' }),
      );
    }
  });
});
