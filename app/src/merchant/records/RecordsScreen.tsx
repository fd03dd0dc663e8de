// Screen "Records": totals over the answers (with revocations and rewards paid from the chain),
// then the light records themselves.
import { AggregatesPanel } from '../AggregatesPanel.tsx';
import { aggregateRecords } from '../aggregateRecords.ts';
import { RecordsTable } from '../RecordsTable.tsx';
import { useMerchant } from '../state/MerchantState.tsx';

export function RecordsScreen() {
  const { records, money, revocations } = useMerchant();
  return (
    <>
      <AggregatesPanel
        aggregates={aggregateRecords(records, Math.floor(Date.now() / 1000))}
        revocations={revocations}
        rewardsPaid={money ? money.payouts.length : null}
      />
      <RecordsTable records={records} />
    </>
  );
}
