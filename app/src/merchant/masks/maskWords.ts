// What the Masks screen says, in plain words: a mask's size against its k, why a request cannot
// be sent yet, its profile, what the answers to a request tell the merchant (a member answered,
// never which one) and what paying them costs. Pure, so maskWords.test.ts pins the sentences.
import { formatUnits, parseUnits } from 'ethers';
import { formatDate, plural } from '../../shared/format.ts';
import type { MaskRequestView, MaskView } from './maskApi.ts';

/** Enough decimals for any amount the service names in tokens (ERC-20s have at most 18). */
const DECIMALS = 18;

/** "7.5", "4": a token amount times a count, without floating-point error or a trailing ".0". */
export function tokensTimes(amount: string, count: number): string {
  const total = formatUnits(parseUnits(amount, DECIMALS) * BigInt(count), DECIMALS);
  return total.endsWith('.0') ? total.slice(0, -2) : total;
}

/** "2", "2.5": an amount of tokens as the service writes it ("2.0"), as people write it. */
export function tokens(amount: string): string {
  return tokensTimes(amount, 1);
}

/** The token's name to show: the symbol the reward's token gives itself (read by the service), else the page's. */
export function tokenName(
  reward: Pick<NonNullable<MaskRequestView['reward']>, 'symbol'> | null,
  fallback: string,
): string {
  return reward?.symbol.trim() || fallback;
}

/** "19 members of the 20 needed", "24 members (20 needed)". */
export function membersInWords(mask: Pick<MaskView, 'members' | 'k'>): string {
  return mask.members < mask.k
    ? `${plural(mask.members, 'member')} of the ${mask.k} needed`
    : `${plural(mask.members, 'member')} (${mask.k} needed)`;
}

/** "Yes", or why not ("Not yet: 1 more member needed before anyone can be asked."). */
export function canAskInWords(mask: Pick<MaskView, 'members' | 'k' | 'canAsk'>): string {
  if (mask.canAsk) return 'Yes';
  if (mask.members < mask.k) {
    return `Not yet: ${plural(mask.k - mask.members, 'more member')} needed, so that no answer can point to a few people.`;
  }
  return 'Not now: the service does not accept requests to this mask.';
}

const countsInWords = (counts: readonly { label: string; count: number }[]) =>
  counts.map((entry) => `${entry.label} (${entry.count})`).join(', ');

/** The profile's counts in a sentence, or the service's note saying why there is none. */
export function profileInWords(mask: Pick<MaskView, 'profile' | 'profileNote' | 'k'>): string {
  const { profile } = mask;
  if (!profile) return mask.profileNote;
  const parts = [
    `Period ${profile.epoch} (${formatDate(profile.from)} – ${formatDate(profile.to)}): ${plural(profile.contributors, 'member')} contributed.`,
  ];
  if (profile.interests.length) parts.push(`Interests: ${countsInWords(profile.interests)}.`);
  if (profile.actions.length) parts.push(`Actions: ${countsInWords(profile.actions)}.`);
  if (!profile.interests.length && !profile.actions.length) {
    parts.push(`No interest or action was named by at least ${mask.k} members.`);
  }
  return parts.join(' ');
}

/** What the answers tell the merchant: that members answered, never which ones. */
export function answersInWords(request: Pick<MaskRequestView, 'answers' | 'maskName'>): string {
  if (request.answers === 0) return 'No answer yet.';
  if (request.answers === 1) return `A member of ${request.maskName} answered — never which member.`;
  return `${request.answers} members of ${request.maskName} answered — never which members.`;
}

/** Paid, unpaid and uncertain answers in words ("1 paid (2 tokens), 1 not paid yet"). */
export function payoutsInWords(
  request: Pick<MaskRequestView, 'reward' | 'paid' | 'unpaid' | 'uncertain' | 'paidTokens'>,
  symbol: string,
): string {
  if (!request.reward) return 'No reward offered.';
  const parts: string[] = [];
  if (request.paid > 0) parts.push(`${request.paid} paid (${tokens(request.paidTokens)} ${symbol})`);
  if (request.unpaid > 0) parts.push(`${request.unpaid} not paid yet`);
  if (request.uncertain > 0) {
    parts.push(
      `${request.uncertain} uncertain (a transfer was sent but its outcome was not recorded; it is never sent again: check it on the chain)`,
    );
  }
  return parts.length ? `${parts.join(', ')}.` : 'Nothing to pay yet.';
}

/** The label of the Pay button: "Pay 1 answer", "Pay 3 answers". */
export function payLabel(unpaid: number): string {
  return `Pay ${plural(unpaid, 'answer')}`;
}

/** The question asked before paying: "Pay 3 answers 2.5 tokens each (7.5 tokens)?" */
export function payQuestion(request: Pick<MaskRequestView, 'reward' | 'unpaid'>, symbol: string): string {
  const amount = request.reward?.amount ?? '0';
  return `${payLabel(request.unpaid)} ${tokens(amount)} ${symbol} each (${tokensTimes(amount, request.unpaid)} ${symbol})?`;
}
