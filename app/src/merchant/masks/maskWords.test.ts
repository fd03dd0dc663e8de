import { describe, expect, it } from 'vitest';
import { formatDate } from '../../shared/format.ts';
import {
  answersInWords,
  canAskInWords,
  membersInWords,
  payLabel,
  payoutsInWords,
  payQuestion,
  profileInWords,
  tokenName,
  tokens,
  tokensTimes,
} from './maskWords.ts';

const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const request = {
  maskName: 'New cyclist',
  reward: { amount: '2.5', token: TOKEN, symbol: 'DCDP', decimals: 18 },
  paidTokens: '0',
};

describe('the Masks screen in words', () => {
  it('multiplies token amounts exactly, without a trailing .0', () => {
    expect(tokensTimes('2.5', 3)).toBe('7.5');
    expect(tokensTimes('2', 2)).toBe('4');
    expect(tokensTimes('0.1', 3)).toBe('0.3');
    expect(tokensTimes('2.5', 0)).toBe('0');
    expect(tokens('2.0')).toBe('2');
    expect(tokens('2.50')).toBe('2.5');
  });

  it('asks before paying with the count, the amount each and the total', () => {
    expect(payQuestion({ ...request, unpaid: 3 }, 'tokens')).toBe('Pay 3 answers 2.5 tokens each (7.5 tokens)?');
    expect(
      payQuestion({ reward: { amount: '2.0', token: TOKEN, symbol: 'DCDP', decimals: 18 }, unpaid: 1 }, 'DCDP'),
    ).toBe('Pay 1 answer 2 DCDP each (2 DCDP)?');
    expect(payLabel(1)).toBe('Pay 1 answer');
    expect(payLabel(2)).toBe('Pay 2 answers');
  });

  it('names a token by its symbol, never by its address', () => {
    // The token's own symbol wins over the page's campaign symbol: another token is named right.
    expect(tokenName({ symbol: 'USDC' }, 'DCDP')).toBe('USDC');
    expect(tokenName({ symbol: ' ' }, 'DCDP')).toBe('DCDP');
    expect(tokenName(null, 'tokens')).toBe('tokens');
  });

  it('says a member answered, never which member, with correct plurals', () => {
    expect(answersInWords({ ...request, answers: 0 })).toBe('No answer yet.');
    expect(answersInWords({ ...request, answers: 1 })).toBe('A member of New cyclist answered — never which member.');
    expect(answersInWords({ ...request, answers: 2 })).toBe('2 members of New cyclist answered — never which members.');
  });

  it('says what was paid, what is left and what is uncertain', () => {
    const counts = { paid: 0, unpaid: 0, uncertain: 0 };
    expect(payoutsInWords({ ...request, ...counts, reward: null }, 'DCDP')).toBe('No reward offered.');
    expect(payoutsInWords({ ...request, ...counts }, 'DCDP')).toBe('Nothing to pay yet.');
    expect(payoutsInWords({ ...request, ...counts, unpaid: 1 }, 'DCDP')).toBe('1 not paid yet.');
    expect(payoutsInWords({ ...request, ...counts, paid: 1, paidTokens: '2.0' }, 'DCDP')).toBe('1 paid (2 DCDP).');
    expect(payoutsInWords({ ...request, paid: 2, unpaid: 1, uncertain: 1, paidTokens: '5' }, 'DCDP')).toBe(
      '2 paid (5 DCDP), 1 not paid yet, 1 uncertain (a transfer was sent but its outcome was not recorded; it is never sent again: check it on the chain).',
    );
  });

  it('gives the size against k, and why a mask cannot be asked yet', () => {
    expect(membersInWords({ members: 19, k: 20 })).toBe('19 members of the 20 needed');
    expect(membersInWords({ members: 1, k: 20 })).toBe('1 member of the 20 needed');
    expect(membersInWords({ members: 24, k: 20 })).toBe('24 members (20 needed)');
    expect(canAskInWords({ members: 24, k: 20, canAsk: true })).toBe('Yes');
    expect(canAskInWords({ members: 19, k: 20, canAsk: false })).toBe(
      'Not yet: 1 more member needed, so that no answer can point to a few people.',
    );
    expect(canAskInWords({ members: 0, k: 20, canAsk: false })).toMatch(/^Not yet: 20 more members needed/);
  });

  it('reads a profile out, or the service’s note when there is none', () => {
    const week = { from: 1_764_547_200, to: 1_765_152_000 };
    const dates = `${formatDate(week.from)} – ${formatDate(week.to)}`;
    expect(profileInWords({ k: 20, profile: null, profileNote: 'Too few members contributed last week.' })).toBe(
      'Too few members contributed last week.',
    );
    expect(
      profileInWords({
        k: 20,
        profileNote: '',
        profile: { ...week, epoch: 2900, contributors: 21, interests: [{ label: 'helmets', count: 21 }], actions: [] },
      }),
    ).toBe(`Period 2900 (${dates}): 21 members contributed. Interests: helmets (21).`);
    expect(
      profileInWords({
        k: 20,
        profileNote: '',
        profile: { ...week, epoch: 3, contributors: 20, interests: [], actions: [{ label: 'test-ride', count: 20 }] },
      }),
    ).toBe(`Period 3 (${dates}): 20 members contributed. Actions: test-ride (20).`);
    expect(
      profileInWords({
        k: 20,
        profileNote: '',
        profile: { ...week, epoch: 3, contributors: 20, interests: [], actions: [] },
      }),
    ).toBe(`Period 3 (${dates}): 20 members contributed. No interest or action was named by at least 20 members.`);
  });
});
