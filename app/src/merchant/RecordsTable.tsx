import { formatUnixTime, shorten } from '../shared/format.ts';
import type { LightRecord } from '../shared/merchantService.ts';
import { TableScroll } from '../shared/ui/index.ts';

/** The merchant's light records: pseudonym, what was proven, when, until when, reward. Nothing else. */
export function RecordsTable(props: { records: readonly LightRecord[] }) {
  return (
    <section aria-labelledby="records-heading">
      <h2 id="records-heading">Verified answers (light records)</h2>
      {props.records.length === 0 ? (
        <p className="muted" data-testid="records-empty">
          No answers yet.
        </p>
      ) : (
        <TableScroll label="Verified answers">
          <table data-testid="records-table">
            <caption className="muted">All a merchant keeps: no names, no values, only what was proven.</caption>
            <thead>
              <tr>
                <th scope="col">Pseudonym</th>
                <th scope="col">Proven</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Reward transaction</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
