// What an audit reports: a list of findings, each with a stable code, so a CI job or a regulator's
// script can act on them. An audit never throws for what it finds; it throws only when it cannot
// run (a file missing, a database that does not open).

export type FindingSeverity = 'error' | 'warning';

export type Finding = {
  /** Stable, e.g. `RAW_ATTRIBUTE_COLUMN`; see docs/auditor.md for the list. */
  code: string;
  severity: FindingSeverity;
  /** One sentence a person can act on. */
  message: string;
  /** Where: a table.column, a record id, a file, a transaction. */
  where?: string;
};

export type AuditReport = {
  /** What was audited, e.g. "merchant store" or "circuit keys". */
  subject: string;
  /** True when no finding is an error. */
  ok: boolean;
  /** How many items were looked at (records, files, payouts). */
  checked: number;
  findings: Finding[];
};

/** @since 0.2.0 */
export function report(subject: string, checked: number, findings: Finding[]): AuditReport {
  return { subject, ok: findings.every((finding) => finding.severity !== 'error'), checked, findings };
}
