import { DataTable, Section } from '../shared/ui/index.ts';
import type { RecordAggregates } from './aggregateRecords.ts';

/**
 * Totals over the light records: what a merchant needs for decisions, without profiles. Revocations
 * and rewards paid come from outside the records (a revoked record is deleted; a paid reward stays
 * paid on-chain when its answer is revoked).
 */
export function AggregatesPanel(props: {
  aggregates: RecordAggregates;
  /** Confirmed revocations (the service's counter). */
  revocations: number;
  /** Rewards the campaign paid, from the chain; null when unknown (then the live records' count). */
  rewardsPaid: number | null;
}) {
  const { aggregates } = props;
  return (
    <Section title="Your customers, in totals" testId="aggregates">
      <dl className="facts">
        <dt>Live answers</dt>
        <dd data-testid="aggregate-answers">{aggregates.answers}</dd>
        <dt>People (pseudonyms)</dt>
        <dd data-testid="aggregate-people">{aggregates.people}</dd>
        <dt>Rewards paid</dt>
        <dd data-testid="aggregate-rewarded">{props.rewardsPaid ?? aggregates.rewarded}</dd>
        <dt>Revoked by customers</dt>
        <dd data-testid="aggregate-revoked">{props.revocations}</dd>
      </dl>
      {aggregates.byPredicate.length ? (
        <DataTable
          label="Proven facts"
          caption="Proven facts, counted over live answers"
          columns={['Proven', 'Answers']}
        >
          {aggregates.byPredicate.map((row) => (
            <tr key={row.predicate}>
              <td>{row.predicate}</td>
              <td>{row.count}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </Section>
  );
}
