// The person's record of a "no": kept in the pod beside the consent receipts
// (/decdp/receipts/denied/<id>.json) so a denied request stays denied on every device and is
// never answered automatically later, even if a setting that would allow it is added.
// Same Kantara-style fields as a consent receipt, minus what only an answer has (proof,
// pseudonym, record), with `status: 'denied'`.
import { InvalidInputError } from '../errors/index.ts';
import type { ExplainedRequest } from './explainRequest.ts';

export type DenialReceipt = {
  version: 1;
  type: 'decdp.denial';
  id: string;
  requestId: string;
  merchant: { name: string; address: string; requestEndpoint: string };
  /** What the merchant asked, in words ("age ≥ 18"). */
  predicates: string[];
  /** Vocabulary ids of the attributes asked for. */
  attributes: string[];
  purpose: { code: string; text: string };
  retentionDays: number;
  /** What a yes would have paid (token base units), or null. */
  reward: { amount: string; token: string } | null;
  status: 'denied';
  /** ISO time of the answer. */
  deniedAt: string;
  /** The person (a button) or one of their standing policies. */
  deniedBy: 'person' | 'policy';
  policyIds: string[];
};

/**
 * The denial of one request; deterministic id, so denying twice overwrites, never piles up.
 * @since 0.2.0
 */
export function buildDenialReceipt(params: {
  explained: ExplainedRequest;
  deniedBy: 'person' | 'policy';
  policyIds?: readonly string[];
  now: Date;
}): DenialReceipt {
  const signed = params.explained.signed;
  if (!signed) throw new InvalidInputError('Only a readable request can be denied.', { field: 'request' });
  const { request } = signed;
  return {
    version: 1,
    type: 'decdp.denial',
    id: `${request.merchant.address.slice(2, 10).toLowerCase()}-${request.id}`,
    requestId: request.id,
    merchant: { ...request.merchant },
    predicates: [...params.explained.reveals],
    attributes: [...new Set(request.predicates.map((predicate) => predicate.attribute))],
    purpose: { ...request.purpose },
    retentionDays: request.retentionDays,
    reward: request.reward ? { amount: request.reward.amount, token: request.reward.token } : null,
    status: 'denied',
    deniedAt: params.now.toISOString(),
    deniedBy: params.deniedBy,
    policyIds: [...(params.policyIds ?? [])],
  };
}

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * Parses a pod document; throws InvalidInputError naming the first wrong field.
 * @since 0.2.0
 */
export function parseDenialReceipt(input: unknown): DenialReceipt {
  const value = input as Partial<DenialReceipt> | null;
  const fail = (field: string) =>
    new InvalidInputError(`Not a denial receipt: ${field} is missing or wrong.`, { field: `denial.${field}` });
  if (!value || typeof value !== 'object') throw fail('(root)');
  if (value.version !== 1 || value.type !== 'decdp.denial') throw fail('type');
  if (value.status !== 'denied') throw fail('status');
  for (const field of ['id', 'requestId', 'deniedAt'] as const) if (!isString(value[field])) throw fail(field);
  const merchant = value.merchant;
  if (!merchant || !isString(merchant.name) || !isString(merchant.address) || !isString(merchant.requestEndpoint)) {
    throw fail('merchant');
  }
  if (!Array.isArray(value.predicates) || !value.predicates.every(isString)) throw fail('predicates');
  if (!Array.isArray(value.attributes) || !value.attributes.every(isString)) throw fail('attributes');
  if (!value.purpose || !isString(value.purpose.code) || !isString(value.purpose.text)) throw fail('purpose');
  if (typeof value.retentionDays !== 'number') throw fail('retentionDays');
  if (value.reward !== null && (!value.reward || !isString(value.reward.amount) || !isString(value.reward.token))) {
    throw fail('reward');
  }
  if (value.deniedBy !== 'person' && value.deniedBy !== 'policy') throw fail('deniedBy');
  if (!Array.isArray(value.policyIds) || !value.policyIds.every(isString)) throw fail('policyIds');
  return {
    version: 1,
    type: 'decdp.denial',
    id: value.id as string,
    requestId: value.requestId as string,
    merchant: { name: merchant.name, address: merchant.address, requestEndpoint: merchant.requestEndpoint },
    predicates: [...value.predicates],
    attributes: [...value.attributes],
    purpose: { code: value.purpose.code, text: value.purpose.text },
    retentionDays: value.retentionDays,
    reward: value.reward ? { amount: value.reward.amount, token: value.reward.token } : null,
    status: 'denied',
    deniedAt: value.deniedAt as string,
    deniedBy: value.deniedBy,
    policyIds: [...value.policyIds],
  };
}
