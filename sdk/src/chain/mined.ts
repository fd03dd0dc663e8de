// Waiting for a sent transaction's receipt without ethers' wait(), which can wait forever on a
// quiet chain: it learns of new blocks by polling the block number, and a transaction mined after
// its first (then cached, 250 ms) receipt read but before its first block-number read is in a
// block it is never told about (ethers-io/ethers.js#4224). anvil mines only when a transaction
// comes, so no later block ever comes either. Reading the receipt itself until it is there cannot
// miss it.
import type { TransactionResponse } from 'ethers';

/** Longest pause between two receipt reads (ethers' default polling interval). */
const MAX_RECEIPT_POLL_MS = 4_000;

/**
 * Waits until a sent transaction is mined and returns its receipt; a reverted transaction throws
 * ethers' CALL_EXCEPTION, as `wait()` does. Reads the receipt every 50 ms at first, then less often
 * (up to the provider's polling interval).
 */
export async function mined<Sent extends TransactionResponse>(
  sent: Sent | Promise<Sent>,
): Promise<NonNullable<Awaited<ReturnType<Sent['wait']>>>> {
  const response = await sent;
  const { provider } = response;
  const ceiling = Math.max(
    50,
    'pollingInterval' in provider && typeof provider.pollingInterval === 'number'
      ? Math.min(provider.pollingInterval, MAX_RECEIPT_POLL_MS)
      : MAX_RECEIPT_POLL_MS,
  );
  for (let pause = 50; !(await provider.getTransactionReceipt(response.hash)); pause = Math.min(pause * 2, ceiling)) {
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  // The receipt is there: wait() returns it at once (typed, logs parsed, a revert thrown).
  const receipt = (await response.wait()) as Awaited<ReturnType<Sent['wait']>>;
  if (!receipt) throw new Error('the transaction was dropped before it was mined');
  return receipt;
}
