// ERC-20 reads and the project token's mint (local chains and tests).
import type { ContractRunner, Signer } from 'ethers';
import { connectRewardToken } from './contracts.generated.ts';
import { mined } from './mined.ts';

export async function readTokenBalance(params: {
  runner: ContractRunner;
  token: string;
  owner: string;
}): Promise<bigint> {
  return connectRewardToken(params.token, params.runner).balanceOf(params.owner);
}

/** Mints the project token (its owner only). */
export async function mintRewardToken(params: {
  signer: Signer;
  token: string;
  to: string;
  amount: bigint;
}): Promise<void> {
  await mined(connectRewardToken(params.token, params.signer).mint(params.to, params.amount));
}
