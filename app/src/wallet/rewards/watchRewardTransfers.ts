// Tells the Rewards screen when one of the person's reward addresses received tokens (a shop paid a
// mask answer, a claim was paid), so it reads its balances again without a Refresh. It listens to
// the provider's new blocks (polled by ethers only while someone listens) and asks the chain for
// the token's Transfer logs to those addresses in the blocks it has not looked at: one getLogs per
// new block at most (blocks that arrive while one is read are covered by the next), and nothing
// else unless a transfer is found. stop() removes the listener; the provider stops polling then.
import { id, type JsonRpcProvider, zeroPadValue } from 'ethers';

const TRANSFER = id('Transfer(address,address,uint256)');

/** Starts watching; returns stop(). `onTransfer` is called once per batch of blocks holding a transfer to `addresses`. */
export function watchRewardTransfers(params: {
  provider: JsonRpcProvider;
  token: string;
  addresses: readonly string[];
  onTransfer: () => void;
}): () => void {
  const { provider, token } = params;
  const recipients = [...new Set(params.addresses.map((address) => zeroPadValue(address.toLowerCase(), 32)))];
  let stopped = recipients.length === 0;
  if (stopped) return () => {};
  /** The last block looked at; null until the first new block (the screen read the balances at opening). */
  let checked: number | null = null;
  let newest = -1;
  let reading = false;

  const read = async () => {
    reading = true;
    try {
      while (!stopped && checked !== null && newest > checked) {
        const toBlock = newest;
        const logs = await provider.getLogs({
          address: token,
          topics: [TRANSFER, null, recipients],
          fromBlock: checked + 1,
          toBlock,
        });
        checked = toBlock;
        if (logs.length > 0 && !stopped) params.onTransfer();
      }
    } catch {
      // The chain could not be read now: the next block asks again for the same blocks.
    } finally {
      reading = false;
    }
  };

  const onBlock = (blockNumber: number) => {
    if (checked === null) checked = blockNumber - 1;
    newest = Math.max(newest, blockNumber);
    if (!reading) void read();
  };
  void provider.on('block', onBlock);
  return () => {
    stopped = true;
    void provider.off('block', onBlock);
  };
}
