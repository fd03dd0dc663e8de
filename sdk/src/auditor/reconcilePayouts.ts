// Do the merchant's records and the chain tell the same story about rewards? Every `Claimed`
// event of the RewardPool is matched with the light record of the same nullifier:
// - a record that says it was paid (rewardTx) needs a Claimed event in that transaction;
// - a payout with no record is reported (a person may claim directly, so it is a warning unless
//   `strict`), and so is a record paid in a transaction without its Claimed event (an error).
// Totals per campaign come with the report so they can be compared with what was funded.
import type { Interface, Provider } from 'ethers';
import type { LightRecord } from '../store/merchantStore.ts';
import { type AuditReport, type Finding, report } from './findings.ts';

export type Payout = { campaignId: bigint; nullifier: bigint; recipient: string; amount: bigint; txHash: string };

export type ReconcilePayoutsParameters = {
  provider: Provider;
  /** The RewardPool's address and interface (contracts.generated.ts). */
  pool: { address: string; interface: Interface };
  records: readonly LightRecord[];
  fromBlock?: number;
  /** Payouts without a record are errors, not warnings. */
  strict?: boolean;
};

/**
 * @example
 * const audit = await reconcilePayouts({ provider, pool: { address, interface: rewardPoolInterface }, records: await store.list() });
 * @since 0.2.0
 */
export async function reconcilePayouts(
  params: ReconcilePayoutsParameters,
): Promise<AuditReport & { payouts: Payout[]; totals: Record<string, string> }> {
  const event = params.pool.interface.getEvent('Claimed');
  if (!event) throw new Error('the pool interface has no Claimed event');
  const logs = await params.provider.getLogs({
    address: params.pool.address,
    topics: [event.topicHash],
    fromBlock: params.fromBlock ?? 0,
    toBlock: 'latest',
  });
  const payouts: Payout[] = logs.map((log) => {
    const parsed = params.pool.interface.parseLog(log);
    if (!parsed) throw new Error(`unreadable Claimed log in ${log.transactionHash}`);
    return {
      campaignId: BigInt(parsed.args.campaignId),
      nullifier: BigInt(parsed.args.nullifier),
      recipient: String(parsed.args.recipient),
      amount: BigInt(parsed.args.amount),
      txHash: log.transactionHash,
    };
  });
  const findings: Finding[] = [];
  const byNullifier = new Map(params.records.map((record) => [BigInt(record.nullifier), record]));
  const paidNullifiers = new Set<bigint>();
  const totals: Record<string, string> = {};
  for (const payout of payouts) {
    paidNullifiers.add(payout.nullifier);
    const key = payout.campaignId.toString();
    totals[key] = (BigInt(totals[key] ?? 0) + payout.amount).toString();
    const record = byNullifier.get(payout.nullifier);
    if (!record) {
      findings.push({
        code: 'PAYOUT_WITHOUT_RECORD',
        severity: params.strict ? 'error' : 'warning',
        message: `Campaign ${key} paid ${payout.amount} to ${payout.recipient} for a nullifier no record holds.`,
        where: payout.txHash,
      });
    } else if (record.rewardTx && record.rewardTx.toLowerCase() !== payout.txHash.toLowerCase()) {
      findings.push({
        code: 'PAYOUT_TX_MISMATCH',
        severity: 'error',
        message: `Record ${record.id} names transaction ${record.rewardTx}, but its nullifier was paid in ${payout.txHash}.`,
        where: `light_records.id=${record.id}.rewardTx`,
      });
    }
  }
  for (const record of params.records) {
    if (record.rewardTx && !paidNullifiers.has(BigInt(record.nullifier))) {
      findings.push({
        code: 'RECORDED_PAYOUT_NOT_ON_CHAIN',
        severity: 'error',
        message: `Record ${record.id} says it was paid in ${record.rewardTx}, but the pool paid nothing for its nullifier.`,
        where: `light_records.id=${record.id}.rewardTx`,
      });
    }
  }
  return { ...report('payouts', payouts.length, findings), payouts, totals };
}
