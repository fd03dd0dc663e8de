// The wallet's reward addresses: one per merchant (rewardAddressFor, from the holder secret), kept
// in the pod's /decdp/reward-accounts.json so a reload or another device finds them, plus the
// wallet's first address (wallet.json), where answers made before per-shop addresses were paid.
// The balance the page shows is the sum over all of them; nothing here moves funds between them
// (that would tie them together on-chain).
import type { PodFetch } from '@decdp/sdk/pod';
import type { ConsentReceipt, SignedRequest } from '@decdp/sdk/protocol';
import {
  answerRecipient,
  type RewardAccount,
  readRewardAccounts,
  rememberRewardAccounts,
  rewardAddressFor,
} from '@decdp/sdk/wallet';
import { formatUnits } from 'ethers';
import type { AppConfig } from '../../shared/config.ts';
import { readTokenBalance, type TokenBalance } from '../../shared/tokenBalance.ts';

type PodPlace = { podUrl: string; fetch: PodFetch };

/**
 * The address an answer to this request binds, kept in the pod's list first when it is a reward
 * address (so its balance is never forgotten); the zero address when the request pays nothing.
 */
export async function recipientForAnswer(
  params: PodPlace & { signedRequest: SignedRequest; holderSecret: bigint },
): Promise<string> {
  const { request } = params.signedRequest;
  const recipient = answerRecipient({ request, holderSecret: params.holderSecret });
  if (request.reward) {
    // A pod that cannot take the list does not stop the answer: the receipt names the merchant,
    // and the next unlocked read derives the address from it again (accountsOfReceipts).
    await rememberRewardAccounts({
      ...params,
      accounts: [{ merchant: { name: request.merchant.name, address: request.merchant.address }, address: recipient }],
    }).catch(() => {});
  }
  return recipient;
}

/** The reward accounts of the merchants that rewarded answers were given to (receipts; the agent's too). */
export function accountsOfReceipts(receipts: readonly ConsentReceipt[], holderSecret: bigint) {
  return receipts
    .filter((receipt) => receipt.reward)
    .map((receipt) => ({
      merchant: { name: receipt.merchant.name, address: receipt.merchant.address },
      address: rewardAddressFor({ holderSecret, merchantAddress: receipt.merchant.address }),
      since: receipt.createdAt,
    }));
}

export type RewardAccountBalance = {
  /** null for the wallet's first address (answers before per-shop addresses). */
  merchant: RewardAccount['merchant'] | null;
  address: string;
  balance: TokenBalance;
};

export type RewardBalances = { total: TokenBalance; accounts: RewardAccountBalance[] };

/**
 * Every reward address of this wallet and its balance, with their sum. Unlocked, the addresses of
 * rewarded receipts missing from the pod's list are added to it.
 */
export async function readRewardBalances(
  params: PodPlace & {
    config: AppConfig;
    wallet: { recipient: string; holderSecret?: bigint };
    receipts: readonly ConsentReceipt[];
  },
): Promise<RewardBalances> {
  const { config, wallet } = params;
  let accounts = await readRewardAccounts(params).catch(() => [] as RewardAccount[]);
  if (wallet.holderSecret !== undefined) {
    const derived = accountsOfReceipts(params.receipts, wallet.holderSecret);
    if (derived.some((account) => !accounts.some((kept) => kept.merchant.address === account.merchant.address))) {
      accounts = await rememberRewardAccounts({ ...params, accounts: derived }).catch(() => accounts);
    }
  }
  const owners = [
    { merchant: null, address: wallet.recipient },
    ...accounts.filter((account) => account.address !== wallet.recipient),
  ];
  const balances = await Promise.all(
    owners.map((owner) =>
      readTokenBalance({
        rpcUrl: config.rpcUrl,
        chainId: config.chainId,
        token: config.contracts.token,
        owner: owner.address,
      }),
    ),
  );
  const first = balances[0] as TokenBalance;
  const raw = balances.reduce((sum, balance) => sum + balance.raw, 0n);
  return {
    total: { raw, formatted: formatUnits(raw, first.decimals), symbol: first.symbol, decimals: first.decimals },
    accounts: owners.map((owner, index) => ({
      merchant: owner.merchant,
      address: owner.address,
      balance: balances[index] as TokenBalance,
    })),
  };
}
