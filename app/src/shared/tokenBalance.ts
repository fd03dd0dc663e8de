// The reward token balance of an address, read straight from the chain.
import { ChainError } from '@decdp/sdk/errors';
import { Contract, formatUnits, JsonRpcProvider } from 'ethers';

const ERC20_ABI = [
  'function balanceOf(address) view returns (uint256)',
  'function decimals() view returns (uint8)',
  'function symbol() view returns (string)',
];

export type TokenBalance = { raw: bigint; formatted: string; symbol: string; decimals: number };

const providers = new Map<string, JsonRpcProvider>();

export function getProvider(rpcUrl: string, chainId: number): JsonRpcProvider {
  let provider = providers.get(rpcUrl);
  if (!provider) {
    provider = new JsonRpcProvider(rpcUrl, chainId, { staticNetwork: true, pollingInterval: 250 });
    providers.set(rpcUrl, provider);
  }
  return provider;
}

export async function readTokenBalance(params: {
  rpcUrl: string;
  chainId: number;
  token: string;
  owner: string;
}): Promise<TokenBalance> {
  const token = new Contract(params.token, ERC20_ABI, getProvider(params.rpcUrl, params.chainId));
  try {
    const [raw, decimals, symbol] = await Promise.all([
      token.getFunction('balanceOf').staticCall(params.owner) as Promise<bigint>,
      (token.getFunction('decimals').staticCall() as Promise<bigint>).then(Number).catch(() => 18),
      (token.getFunction('symbol').staticCall() as Promise<string>).catch(() => 'tokens'),
    ]);
    return { raw, formatted: formatUnits(raw, decimals), symbol, decimals };
  } catch (cause) {
    throw new ChainError(`Cannot read your reward balance from the chain at ${params.rpcUrl}.`, {
      cause,
      hint: 'Check that the chain is running (`npm start` starts it) and reload the page.',
    });
  }
}

/** Waits until the reward transaction is mined (the merchant relays it), at most `timeoutMs`. */
export async function waitForTransaction(params: {
  rpcUrl: string;
  chainId: number;
  txHash: string;
  timeoutMs?: number;
}): Promise<void> {
  const timeoutMs = params.timeoutMs ?? 30_000;
  try {
    await getProvider(params.rpcUrl, params.chainId).waitForTransaction(params.txHash, 1, timeoutMs);
  } catch (cause) {
    throw new ChainError(`The reward transaction ${params.txHash} was not confirmed within ${timeoutMs / 1000} s.`, {
      cause,
      hint: 'Your answer was recorded; the reward may still arrive. Refresh the balance later.',
    });
  }
}

/** Where a transaction landed: block number and whether it succeeded; null while unknown to this node. */
export async function readTransactionBlock(params: {
  rpcUrl: string;
  chainId: number;
  txHash: string;
}): Promise<{ blockNumber: number; ok: boolean } | null> {
  try {
    const receipt = await getProvider(params.rpcUrl, params.chainId).getTransactionReceipt(params.txHash);
    return receipt ? { blockNumber: receipt.blockNumber, ok: receipt.status === 1 } : null;
  } catch (cause) {
    throw new ChainError(`Cannot read transaction ${params.txHash} from the chain at ${params.rpcUrl}.`, {
      cause,
      hint: 'Check that the chain is running and reload the page.',
    });
  }
}
