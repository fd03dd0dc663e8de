// The merchant's claim relay on the chain: what POST /claims needs to know before it spends gas
// (is this statement the campaign's, is the nullifier spent, what time is it on the chain, the
// pool's proof window) and the relay itself. Relays are serialized: one key, one nonce sequence.
// With `batch`, claims that arrive within a short window go out together in one claimRewardBatch
// (one pairing per proof plus three, instead of four per claim); each caller still gets its own
// claim's answer, and a claim the pool skips rejects only its own caller.
import type { Signer } from 'ethers';
import { poolInterface, readCampaignStatement } from '../chain/campaigns.ts';
import { type ClaimInput, claimReward, claimRewardBatch, MAX_CLAIM_BATCH } from '../chain/claims.ts';
import { connectRewardPool } from '../chain/contracts.generated.ts';
import { CHAIN_ERROR_CODES, decodeChainError } from '../chain/decodeChainError.ts';
import { ChainError, NullifierReusedError } from '../errors/index.ts';

/** A relayed claim as the merchant answers it. */
export type RelayedClaim = { txHash: string; blockNumber: number; recipient: string; amount: bigint };

export type ClaimRelay = {
  /** The pool the claims go to. */
  pool: string;
  /** True when the campaign pays for this statement (RewardPool.campaignStatements). */
  isCampaignStatement(params: { campaignId: bigint; statementHash: bigint }): Promise<boolean>;
  /** True when the pool already paid this nullifier (RewardPool.nullifierUsed). */
  isNullifierUsed(nullifier: bigint): Promise<boolean>;
  /** The chain's time (latest block) and the pool's window: proof time in [now − maxAge, now + maxDrift]. */
  proofWindow(): Promise<{ now: number; maxAge: number; maxDrift: number }>;
  /** Sends the claim and waits for it to be mined; throws ChainError with the pool's error. */
  relay(claim: ClaimInput): Promise<RelayedClaim>;
};

/**
 * A ClaimRelay over RewardPool with ethers (claimReward: simulate, send, wait).
 * @example const claims = createChainClaimRelay({ signer: merchantWallet, pool: deployment.pool });
 * @since 0.2.0
 */
export function createChainClaimRelay(params: {
  signer: Signer;
  pool: string;
  /**
   * Batch claims that arrive within `windowMs` (at most `maxClaims`, ≤ 16) into one transaction.
   * Default: off (each claim its own transaction, answered as soon as it is mined).
   */
  batch?: { windowMs: number; maxClaims?: number };
}): ClaimRelay {
  const { signer, pool } = params;
  const contract = connectRewardPool(pool, signer);
  let poolLimits: Promise<{ maxAge: number; maxDrift: number }> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const read = async <T>(action: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw decodeChainError(error, poolInterface, action);
    }
  };
  type Waiting = { claim: ClaimInput; resolve: (paid: RelayedClaim) => void; reject: (error: unknown) => void };
  let waiting: Waiting[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function enqueue(claim: ClaimInput): Promise<RelayedClaim> {
    const batch = params.batch as { windowMs: number; maxClaims?: number };
    const maxClaims = Math.min(Math.max(batch.maxClaims ?? MAX_CLAIM_BATCH, 1), MAX_CLAIM_BATCH);
    const key = (input: ClaimInput) => `${input.campaignId}:${BigInt(input.publicSignals[1] ?? 0)}`;
    // The same nullifier twice in one batch: the second could only be skipped; say so now.
    if (waiting.some((entry) => key(entry.claim) === key(claim))) {
      return Promise.reject(new NullifierReusedError('This reward is already being claimed.'));
    }
    return new Promise((resolve, reject) => {
      waiting.push({ claim, resolve, reject });
      if (waiting.length >= maxClaims) flush();
      else timer ??= setTimeout(flush, batch.windowMs);
    });
  }

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    const group = waiting;
    waiting = [];
    if (group.length === 0) return;
    const sent = queue.then(() => send(group));
    queue = sent.catch(() => {});
  }

  async function send(group: Waiting[]): Promise<void> {
    if (group.length === 1) {
      const [only] = group as [Waiting];
      try {
        const { txHash, blockNumber, recipient, amount } = await claimReward({ signer, pool, ...only.claim });
        only.resolve({ txHash, blockNumber, recipient, amount });
      } catch (error) {
        only.reject(error);
      }
      return;
    }
    try {
      const result = await claimRewardBatch({ signer, pool, claims: group.map((entry) => entry.claim) });
      const settled = new Set<number>();
      for (const paid of result.paid) {
        const entry = group[paid.index];
        if (!entry || settled.has(paid.index)) continue;
        settled.add(paid.index);
        entry.resolve({
          txHash: result.txHash,
          blockNumber: result.blockNumber,
          recipient: paid.recipient,
          amount: paid.amount,
        });
      }
      for (const skipped of result.rejected) {
        const entry = group[skipped.index];
        if (!entry || settled.has(skipped.index)) continue;
        settled.add(skipped.index);
        entry.reject(
          new ChainError(`Claiming the reward was refused by the contract: ${skipped.errorName}.`, {
            errorName: skipped.errorName,
            code: CHAIN_ERROR_CODES[skipped.errorName] ?? 'CHAIN_ERROR',
            args: [skipped.detail],
          }),
        );
      }
      group.forEach((entry, index) => {
        if (!settled.has(index)) entry.reject(new ChainError(`The batch ${result.txHash} did not report this claim.`));
      });
    } catch (error) {
      for (const entry of group) entry.reject(error);
    }
  }

  return {
    pool,
    isCampaignStatement: ({ campaignId, statementHash }) =>
      read('Reading the campaign statement', async () =>
        Boolean(await readCampaignStatement({ runner: signer, pool, campaignId, statementHash })),
      ),
    isNullifierUsed: (nullifier) =>
      read('Reading the nullifier', async () => Boolean(await contract.nullifierUsed(nullifier))),
    proofWindow: () =>
      read('Reading the chain time', async () => {
        poolLimits ??= Promise.all([contract.MAX_PROOF_AGE(), contract.MAX_CLOCK_DRIFT()]).then(
          ([age, drift]) => ({ maxAge: Number(age), maxDrift: Number(drift) }),
          (error: unknown) => {
            poolLimits = undefined; // read again next time
            throw error;
          },
        );
        const [limits, block] = await Promise.all([poolLimits, signer.provider?.getBlock('latest')]);
        return { ...limits, now: block?.timestamp ?? Math.floor(Date.now() / 1000) };
      }),
    relay(claim) {
      if (params.batch) return enqueue(claim);
      const next = queue.then(() => claimReward({ signer, pool, ...claim }));
      queue = next.catch(() => {});
      return next.then(({ txHash, blockNumber, recipient, amount }) => ({ txHash, blockNumber, recipient, amount }));
    },
  };
}
