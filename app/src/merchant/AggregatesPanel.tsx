import type { RecordAggregates } from './aggregateRecords.ts';

/** Totals over the light records: what a merchant needs for decisions, without profiles. */
export function AggregatesPanel(props: { aggregates: RecordAggregates }) {
  const { aggregates } = props;
  return (
    <section aria-labelledby="aggregates-heading" data-testid="aggregates">
      <h2 id="aggregates-heading">Your customers, in totals</h2>
      <dl className="facts">
        <dt>Live answers</dt>
        <dd data-testid="aggregate-answers">{aggregates.answers}</dd>
        <dt>People (pseudonyms)</dt>
        <dd data-testid="aggregate-people">{aggregates.people}</dd>
        <dt>Rewards paid</dt>
        <dd data-testid="aggregate-rewarded">{aggregates.rewarded}</dd>
        <dt>Revoked by customers</dt>
        <dd>{aggregates.revoked}</dd>
      </dl>
      {aggregates.byPredicate.length ? (
        <table>
          <caption className="muted">Proven facts, counted over live answers</caption>
          <thead>
            <tr>
              <th scope="col">Proven</th>
              <th scope="col">Answers</th>
            </tr>
          </thead>
          <tbody>
            {aggregates.byPredicate.map((row) => (
              <tr key={row.predicate}>
                <td>{row.predicate}</td>
                <td>{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
