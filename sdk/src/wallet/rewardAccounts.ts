// /decdp/reward-accounts.json: the per-merchant reward addresses this wallet has used, so a reload,
// a second device or a locked page finds every address whose balance is the person's. Only
// addresses and merchants (no key); the pod is owner-only, and this list is the one place where
// the addresses sit together — it never leaves the pod.
import { z } from 'zod';
import { type PodFetch, readJsonDocumentIfExists, writeJsonDocument } from '../pod/documents.ts';
import { decdpUrls } from '../pod/layout.ts';
import { address } from '../protocol/fields.ts';
import { parseWith } from '../protocol/parse.ts';

export const rewardAccountSchema = z
  .object({
    merchant: z.object({ name: z.string().min(1).max(200), address }).strict(),
    address,
    /** ISO time the wallet first bound this address in an answer. */
    since: z.string(),
  })
  .strict();

export type RewardAccount = z.output<typeof rewardAccountSchema>;

export const rewardAccountsSchema = z
  .object({
    version: z.literal(1),
    type: z.literal('decdp.reward-accounts'),
    accounts: z.array(rewardAccountSchema).max(10_000),
  })
  .strict();

/** @since 0.2.0 */
export const rewardAccountsUrl = (podUrl: string) => `${decdpUrls(podUrl).root}reward-accounts.json`;

/**
 * The reward accounts kept in the pod; none when the document does not exist yet.
 * @since 0.2.0
 */
export async function readRewardAccounts(params: { podUrl: string; fetch: PodFetch }): Promise<RewardAccount[]> {
  const document = await readJsonDocumentIfExists({ url: rewardAccountsUrl(params.podUrl), fetch: params.fetch });
  return document === undefined ? [] : parseWith(rewardAccountsSchema, document, 'rewardAccounts').accounts;
}

/**
 * The accounts in `known` followed by those of `added` not in it yet (one per merchant address).
 * @since 0.2.0
 */
export function mergeRewardAccounts(known: readonly RewardAccount[], added: readonly RewardAccount[]): RewardAccount[] {
  const merged = [...known];
  for (const account of added) {
    if (!merged.some((kept) => kept.merchant.address === account.merchant.address)) merged.push(account);
  }
  return merged;
}

/**
 * Adds accounts to the pod's list (read, merge, write only when something is new) and returns the
 * whole list. Written before an answer binds a new address, so no balance is ever forgotten.
 * @since 0.2.0
 */
export async function rememberRewardAccounts(params: {
  podUrl: string;
  fetch: PodFetch;
  accounts: readonly { merchant: { name: string; address: string }; address: string; since?: string }[];
  now?: Date;
}): Promise<RewardAccount[]> {
  const since = (params.now ?? new Date()).toISOString();
  const added = params.accounts.map((account) =>
    parseWith(rewardAccountSchema, { since, ...account }, 'rewardAccounts.accounts'),
  );
  const known = await readRewardAccounts(params);
  const merged = mergeRewardAccounts(known, added);
  if (merged.length === known.length) return known;
  await writeJsonDocument({
    url: rewardAccountsUrl(params.podUrl),
    data: { version: 1, type: 'decdp.reward-accounts', accounts: merged },
    fetch: params.fetch,
  });
  return merged;
}
