// Standing policies ("standard settings"): rules that answer requests without asking, e.g.
// "always prove age ≥ 18 to any merchant", "never share where I live", "approve interest
// requests that pay at least 5 tokens". Deny rules win; a request is approved automatically only
// when every predicate is covered by an allow rule and the request has no warning.
import { z } from 'zod';
import { address, decimal, idPart } from '../protocol/fields.ts';
import { OPERATORS } from '../protocol/operators.ts';
import { parseWith } from '../protocol/parse.ts';
import type { RequestPredicate } from '../protocol/request.ts';
import type { ExplainedRequest } from './explainRequest.ts';

const rawValue = z.union([z.number().int().nonnegative(), z.string().min(1).max(200), z.boolean()]);

export const standingPolicySchema = z
  .object({
    version: z.literal(1),
    id: idPart,
    effect: z.enum(['allow', 'deny']),
    /** Words the person recognises, shown in the settings list. */
    label: z.string().min(1).max(200),
    /** Attributes this rule covers (ids from the vocabulary); at least one. */
    attributes: z.array(z.string().min(1).max(64)).min(1).max(10),
    /** Only this exact predicate (operator and operands); absent = any predicate on the attributes. */
    predicate: z
      .object({
        op: z.enum(OPERATORS as [string, ...string[]]),
        value: rawValue.optional(),
        values: z.array(rawValue).optional(),
        range: z.tuple([rawValue, rawValue]).optional(),
      })
      .strict()
      .optional(),
    /** Only requests from this merchant address; absent = any merchant. */
    merchant: address.optional(),
    /** Allow rules only: the request must pay at least this many token base units. */
    minReward: decimal.optional(),
    createdAt: z.string(),
  })
  .strict();

export type StandingPolicy = z.output<typeof standingPolicySchema>;

/** @since 0.2.0 */
export function parseStandingPolicy(input: unknown): StandingPolicy {
  return parseWith(standingPolicySchema, input, 'policy');
}

export type PolicyDecision =
  | { decision: 'approve'; policyIds: string[]; reason: string }
  | { decision: 'deny'; policyIds: string[]; reason: string }
  | { decision: 'ask'; policyIds: []; reason: string };

/** @since 0.2.0 */
export function decideByPolicies(explained: ExplainedRequest, policies: readonly StandingPolicy[]): PolicyDecision {
  const signed = explained.signed;
  if (!signed) return { decision: 'ask', policyIds: [], reason: 'The request could not be read.' };
  const { request } = signed;
  const applies = (policy: StandingPolicy) => !policy.merchant || policy.merchant === request.merchant.address;

  for (const policy of policies) {
    if (policy.effect !== 'deny' || !applies(policy)) continue;
    if (request.predicates.some((predicate) => covers(policy, predicate))) {
      return { decision: 'deny', policyIds: [policy.id], reason: `Answered no by your setting "${policy.label}".` };
    }
  }
  if (explained.warnings.length > 0) {
    return { decision: 'ask', policyIds: [], reason: 'A request with a warning is never answered automatically.' };
  }
  const reward = request.reward ? BigInt(request.reward.amount) : 0n;
  const used: string[] = [];
  for (const predicate of request.predicates) {
    const allow = policies.find(
      (policy) =>
        policy.effect === 'allow' &&
        applies(policy) &&
        covers(policy, predicate) &&
        (!policy.minReward || reward >= BigInt(policy.minReward)),
    );
    if (!allow) return { decision: 'ask', policyIds: [], reason: 'No setting covers every question.' };
    if (!used.includes(allow.id)) used.push(allow.id);
  }
  const labels = used.map((id) => policies.find((policy) => policy.id === id)?.label).join('", "');
  return { decision: 'approve', policyIds: used, reason: `Answered yes by your setting "${labels}".` };
}

function covers(policy: StandingPolicy, predicate: RequestPredicate): boolean {
  if (!policy.attributes.includes(predicate.attribute)) return false;
  if (!policy.predicate) return true;
  const { op, value, values, range } = policy.predicate;
  return (
    op === predicate.op &&
    same(value, predicate.value) &&
    same(values, predicate.values) &&
    same(range, predicate.range)
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * "Always allow this" / "never allow this": a rule for exactly these questions from this merchant.
 * @since 0.2.0
 */
export function policyFromRequest(params: {
  explained: ExplainedRequest;
  effect: 'allow' | 'deny';
  id: string;
  now: Date;
}): StandingPolicy[] {
  const signed = params.explained.signed;
  if (!signed) return [];
  const { request } = signed;
  return request.predicates.map((predicate, index) =>
    parseStandingPolicy({
      version: 1,
      id: `${params.id}-${index}`,
      effect: params.effect,
      label: `${params.effect === 'allow' ? 'Always' : 'Never'} answer "${params.explained.reveals[index]}" to ${request.merchant.name}`,
      attributes: [predicate.attribute],
      predicate: {
        op: predicate.op,
        ...(predicate.value !== undefined ? { value: predicate.value } : {}),
        ...(predicate.values ? { values: predicate.values } : {}),
        ...(predicate.range ? { range: predicate.range } : {}),
      },
      merchant: request.merchant.address,
      createdAt: params.now.toISOString(),
    }),
  );
}
