import { formatUnixTime, shorten } from '../shared/format.ts';
import type { LightRecord } from '../shared/merchantService.ts';
import { DataTable, Empty, Section } from '../shared/ui/index.ts';

/** The merchant's light records: pseudonym, what was proven, when, until when, reward. Nothing else. */
export function RecordsTable(props: { records: readonly LightRecord[] }) {
  return (
    <Section title="Verified answers (light records)">
      {props.records.length === 0 ? (
        <Empty testId="records-empty">No answers yet.</Empty>
      ) : (
        <DataTable
          label="Verified answers"
          testId="records-table"
          caption="All a merchant keeps: no names, no values, only what was proven."
          columns={['Pseudonym', 'Proven', 'Created', 'Expires', 'Reward transaction']}
        >
          {props.records.map((record) => (
            <tr key={record.id} data-testid="record-row" data-request-id={record.requestId}>
              <td className="mono" title={record.pseudonym} data-testid="record-pseudonym">
                {shorten(record.pseudonym)}
              </td>
              <td data-testid="record-predicates">{record.predicates.join('; ')}</td>
              <td>
                <time dateTime={new Date(record.createdAt * 1000).toISOString()}>
                  {formatUnixTime(record.createdAt)}
                </time>
              </td>
              <td>
                <time dateTime={new Date(record.expiresAt * 1000).toISOString()}>
                  {formatUnixTime(record.expiresAt)}
                </time>
              </td>
              <td className="mono" title={record.rewardTx ?? undefined} data-testid="record-reward-tx">
                {record.rewardTx ? shorten(record.rewardTx, 10) : '—'}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}
