// The issuers a merchant trusts, from IssuerRegistry itself: read once from the registry's events,
// then kept current from new blocks, so revoking a key on-chain stops new answers at the next
// block the follower reads (every `intervalMs`), without asking the chain on every answer.
import { Interface, type JsonRpcApiProvider, type Log } from 'ethers';
import { ChainError } from '../errors/index.ts';
import { IssuerRegistry } from './contracts.generated.ts';

const registryInterface = new Interface(IssuerRegistry.abi as never);
const TOPICS = ['KeyActivated', 'KeyRetired', 'KeyRevoked'].map(
  (name) => registryInterface.getEvent(name)?.topicHash as string,
);

type KeyState = { status: 'active' } | { status: 'retired'; trustedUntil: number } | { status: 'revoked' };

export type IssuerRegistryFollower = {
  /** The registry's own rule (isTrusted): active, or retired and still in its grace period. */
  isTrusted(issuerKeyHash: bigint): boolean;
  /** Every key trusted now (for `/config`). */
  trustedKeys(): bigint[];
  /** The last block read. */
  readonly block: number;
  /** Reads up to the chain's head as it is now, or later (the loop does it every `intervalMs`). */
  sync(): Promise<void>;
  close(): void;
};

/**
 * Follows an IssuerRegistry. `fromBlock` is where to start reading events (the deployment block;
 * default 0). Rejects with ChainError when the first read fails; later failures go to `onError`
 * and the last known state stays in force until a read succeeds.
 * @example const issuers = await followIssuerRegistry({ provider, registry: deployment.registry });
 */
export async function followIssuerRegistry(params: {
  /** A JSON-RPC provider: the head is asked for directly (ethers caches `latest` for a moment). */
  provider: JsonRpcApiProvider;
  registry: string;
  fromBlock?: number;
  /** Default 1000 ms. */
  intervalMs?: number;
  onError?: (error: unknown) => void;
}): Promise<IssuerRegistryFollower> {
  const keys = new Map<bigint, KeyState>();
  let block = (params.fromBlock ?? 0) - 1;
  let chainTime = 0;
  let syncing: Promise<void> | undefined;

  const apply = (log: Log) => {
    const event = registryInterface.parseLog(log);
    if (!event) return;
    const keyHash = BigInt(event.args.keyHash);
    if (event.name === 'KeyActivated') keys.set(keyHash, { status: 'active' });
    else if (event.name === 'KeyRetired') {
      keys.set(keyHash, { status: 'retired', trustedUntil: Number(event.args.trustedUntil) });
    } else if (event.name === 'KeyRevoked') keys.set(keyHash, { status: 'revoked' });
  };

  const readOnce = async () => {
    const raw = (await params.provider.send('eth_getBlockByNumber', ['latest', false])) as {
      number: string;
      timestamp: string;
    } | null;
    if (!raw) return;
    const head = { number: Number(raw.number), timestamp: Number(raw.timestamp) };
    if (head.number > block) {
      const logs = await params.provider.getLogs({
        address: params.registry,
        topics: [TOPICS],
        fromBlock: block + 1,
        toBlock: head.number,
      });
      for (const log of logs) apply(log);
      block = head.number;
    }
    chainTime = head.timestamp;
  };
  // A read already under way may have asked for the head before the caller's last block, so a
  // caller joining it waits for one more read after it (callers arriving meanwhile share that one).
  let queued: Promise<void> | undefined;
  const sync = (): Promise<void> => {
    if (!syncing) {
      syncing = readOnce().finally(() => {
        syncing = undefined;
      });
      return syncing;
    }
    queued ??= syncing
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return sync();
      });
    return queued;
  };

  try {
    await sync();
  } catch (cause) {
    throw new ChainError(`The issuer registry at ${params.registry} could not be read.`, { cause });
  }
  const timer = setInterval(() => {
    sync().catch((error: unknown) => params.onError?.(error));
  }, params.intervalMs ?? 1000);
  timer.unref?.();

  const trusted = (state: KeyState | undefined) =>
    state?.status === 'active' || (state?.status === 'retired' && chainTime < state.trustedUntil);
  return {
    isTrusted: (issuerKeyHash) => trusted(keys.get(issuerKeyHash)),
    trustedKeys: () => [...keys].filter(([, state]) => trusted(state)).map(([keyHash]) => keyHash),
    get block() {
      return block;
    },
    sync,
    close: () => clearInterval(timer),
  };
}
