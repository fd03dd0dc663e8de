// How sure a match is: one confidence per identifier kind that matched, aggregated into one
// number, compared with a threshold (patent, sources.md). docs/collaboration.md works an example.
import { InvalidInputError, ValueOutOfRangeError } from '../errors/index.ts';
import { assertIdentifierKind, IDENTIFIER_KINDS, type IdentifierKind, type MatchGrade } from './identifiers.ts';

/**
 * max, mean, min and median are the patent's; noisyOr = 1 − Π(1 − cᵢ) is DeCDP's extension
 * (treats each kind as independent evidence: it rises with every extra kind, and over-counts
 * correlated ones such as an email and a phone typed in the same form).
 */
export const AGGREGATORS = ['max', 'mean', 'min', 'median', 'noisyOr'] as const;
export type Aggregator = (typeof AGGREGATORS)[number];

/** Default: max — monotone (one more matching kind never lowers the score) and never over-counts. */
export const DEFAULT_AGGREGATOR: Aggregator = 'max';
/** Default threshold: the patent's stricter example (75 %); its other example is 50 %. */
export const DEFAULT_THRESHOLD = 0.75;

export type ConfidenceTable = Partial<Record<IdentifierKind, number>>;

const NAME_PARTS = ['firstName', 'lastName', 'postalCode'] as const;

export function aggregateConfidence(values: readonly number[], aggregator: Aggregator): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  let out: number;
  switch (aggregator) {
    case 'max':
      out = sorted[sorted.length - 1] ?? 0;
      break;
    case 'min':
      out = sorted[0] ?? 0;
      break;
    case 'mean':
      out = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
      break;
    case 'median': {
      const middle = Math.floor(sorted.length / 2);
      out = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
      break;
    }
    case 'noisyOr':
      out = 1 - sorted.reduce((product, value) => product * (1 - value), 1);
      break;
  }
  // 1e-9 rounding: 0.9 and 0.6 averaged must compare equal to a 0.75 threshold.
  return Math.round(out * 1e9) / 1e9;
}

export type MatchScore = {
  confidence: number;
  grade: MatchGrade;
  /** The kinds that counted, after the composite rule, with their confidence. */
  evidence: { kind: IdentifierKind; confidence: number }[];
};

/**
 * Scores one candidate pair from the kinds whose tags are equal. Composite rule (patent: "first +
 * last + postal code together 60 %"): when first name, last name and postal code all match they
 * count as one `namePostcode`, and a matching `namePostcode` replaces its parts.
 * Grade: primary when email, phone or loyalty number matched; secondary for namePostcode; else tertiary.
 */
export function scoreMatch(params: {
  matchedKinds: readonly IdentifierKind[];
  aggregator?: Aggregator;
  confidence?: ConfidenceTable;
}): MatchScore {
  const aggregator = params.aggregator ?? DEFAULT_AGGREGATOR;
  if (!AGGREGATORS.includes(aggregator)) {
    throw new InvalidInputError(`Aggregator "${String(aggregator)}" is not one of ${AGGREGATORS.join(', ')}.`, {
      field: 'aggregator',
    });
  }
  const kinds = new Set(params.matchedKinds);
  if (NAME_PARTS.every((part) => kinds.has(part))) kinds.add('namePostcode');
  if (kinds.has('namePostcode')) for (const part of NAME_PARTS) kinds.delete(part);
  const evidence = [...kinds]
    .sort((x, y) => ALL_ORDER.indexOf(x) - ALL_ORDER.indexOf(y))
    .map((kind) => ({ kind, confidence: confidenceOf(kind, params.confidence) }));
  const confidence = aggregateConfidence(
    evidence.map((item) => item.confidence),
    aggregator,
  );
  const grades = new Set(evidence.map((item) => IDENTIFIER_KINDS[item.kind].grade as MatchGrade));
  const grade: MatchGrade = grades.has('primary') ? 'primary' : grades.has('secondary') ? 'secondary' : 'tertiary';
  return { confidence, grade, evidence };
}

const ALL_ORDER = Object.keys(IDENTIFIER_KINDS) as IdentifierKind[];

/** The table's value for `kind` (checked to be in 0..1), else the default from IDENTIFIER_KINDS. */
export function confidenceOf(kind: IdentifierKind, table?: ConfidenceTable): number {
  const value = table?.[kind] ?? IDENTIFIER_KINDS[kind].confidence;
  if (!(value >= 0 && value <= 1)) {
    throw new ValueOutOfRangeError(`The confidence of ${kind} must be between 0 and 1.`, {
      field: `confidence.${kind}`,
    });
  }
  return value;
}

/** Checks a confidence table from outside: known kinds, numbers in 0..1. */
export function parseConfidenceTable(input: unknown): ConfidenceTable {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidInputError('confidence must be an object { kind: number }.', { field: 'confidence' });
  }
  const out: ConfidenceTable = {};
  for (const [kind, value] of Object.entries(input)) {
    const known = assertIdentifierKind(kind, { field: `confidence.${kind}` });
    if (typeof value !== 'number') {
      throw new InvalidInputError(`confidence.${kind} must be a number.`, { field: `confidence.${kind}` });
    }
    out[known] = value;
    confidenceOf(known, out);
  }
  return out;
}
