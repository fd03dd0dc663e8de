// What the merchant page shows about its customers as a whole: counts, never individuals' data.
import type { LightRecord } from '../shared/merchantService.ts';

export type RecordAggregates = {
  answers: number;
  /** Distinct pseudonyms: people who answered (per merchant, so not linkable elsewhere). */
  people: number;
  rewarded: number;
  revoked: number;
  /** Per proven predicate ("age ≥ 18"), how many live answers prove it, most first. */
  byPredicate: { predicate: string; count: number }[];
};

export function aggregateRecords(records: readonly LightRecord[], now: number): RecordAggregates {
  const live = records.filter((record) => record.revokedAt === null && record.expiresAt > now);
  const counts = new Map<string, number>();
  for (const record of live) {
    for (const predicate of record.predicates) counts.set(predicate, (counts.get(predicate) ?? 0) + 1);
  }
  return {
    answers: live.length,
    people: new Set(live.map((record) => record.pseudonym)).size,
    rewarded: live.filter((record) => record.rewardTx !== null).length,
    revoked: records.filter((record) => record.revokedAt !== null).length,
    byPredicate: [...counts]
      .map(([predicate, count]) => ({ predicate, count }))
      .sort((a, b) => b.count - a.count || a.predicate.localeCompare(b.predicate)),
  };
}
