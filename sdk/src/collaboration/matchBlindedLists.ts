// Legacy matching: two blinded customer lists in, one invitation per matched customer out, for
// each side separately. Nothing else comes out: no profile, no merged record, no identifier (raw
// or blinded) and no handle of the other side. Run it where the key is not (a coordinator that
// holds both lists but no key cannot test guesses); see docs/collaboration.md § Security.
import { hexlify, randomBytes } from 'ethers';
import { z } from 'zod';
import { InvalidInputError, ValueOutOfRangeError } from '../errors/index.ts';
import { parseWith } from '../protocol/parse.ts';
import { type BlindedCustomerList, parseBlindedIdentifier } from './blindCustomers.ts';
import { assertEpochAccepted, type KeySchedule, parseKeySchedule } from './collaborationKey.ts';
import {
  type Aggregator,
  type ConfidenceTable,
  DEFAULT_AGGREGATOR,
  DEFAULT_THRESHOLD,
  parseConfidenceTable,
  scoreMatch,
} from './confidence.ts';
import { KeyEpochRefusedError, KeyIdMismatchError } from './errors.ts';
import type { IdentifierKind, MatchGrade } from './identifiers.ts';

const blindedListSchema = z
  .object({
    version: z.literal(1),
    type: z.literal('decdp.blinded-customers'),
    collaborationId: z.string().min(1).max(64),
    keyId: z.string().min(1).max(64),
    epoch: z.number().int().nonnegative(),
    customers: z
      .array(
        z
          .object({
            handle: z.string().regex(/^[0-9a-f]{32}$/, 'must be 16 random bytes as hex'),
            identifiers: z.array(z.string().max(200)).min(1).max(64),
          })
          .strict(),
      )
      .max(1_000_000),
  })
  .strict();

/** What a merchant may do with a match: send its own customer this token, inviting them to the wallet. */
export type Invitation = {
  type: 'decdp.collaboration-invitation';
  collaborationId: string;
  /** Random, the same on both sides of a pair; the person brings it to the wallet to link (linkPseudonyms). */
  invitationToken: string;
  /** This side's own handle (blindCustomers' `handles` maps it to the CRM ref). */
  handle: string;
  confidence: number;
  grade: MatchGrade;
  /** Kinds whose tags were equal (kinds only, never values). */
  matchedKinds: IdentifierKind[];
  /** Unix seconds; after it the token is void. */
  expiresAt: number;
};

export type MatchResult = {
  collaborationId: string;
  epoch: number;
  aggregator: Aggregator;
  threshold: number;
  /** For the merchant that sent `left`: its invitations only. */
  left: Invitation[];
  /** For the merchant that sent `right`: its invitations only. */
  right: Invitation[];
  stats: { leftCustomers: number; rightCustomers: number; candidatePairs: number; matched: number };
};

export type MatchBlindedListsParameters = {
  /** The collaboration's schedule (no secret needed). */
  schedule: KeySchedule | unknown;
  left: BlindedCustomerList | unknown;
  right: BlindedCustomerList | unknown;
  /** Unix seconds; default now. */
  now?: number;
  aggregator?: Aggregator;
  /** 0..1; default 0.75. */
  threshold?: number;
  /** Per-kind confidences; default IDENTIFIER_KINDS'. */
  confidence?: ConfidenceTable;
  /** How long invitations stay valid; default 30 days. */
  invitationTtlSeconds?: number;
  /** 16 random bytes as hex; injectable for tests. */
  randomToken?: () => string;
};

type Parsed = { handle: string; tags: Map<string, IdentifierKind> };

/**
 * Matches two blinded lists of the same collaboration, key and epoch (the epoch still accepted at
 * `now`). Pairs share at least one tag; each is scored (scoreMatch), kept at ≥ threshold, and
 * assigned one-to-one, best first (a customer gets at most one invitation per run).
 * @example const { left, right } = matchBlindedLists({ schedule, left: listA, right: listB });
 */
export function matchBlindedLists(params: MatchBlindedListsParameters): MatchResult {
  const now = params.now ?? Math.floor(Date.now() / 1000);
  const schedule = parseKeySchedule(params.schedule);
  const aggregator = params.aggregator ?? DEFAULT_AGGREGATOR;
  const threshold = params.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new ValueOutOfRangeError('The threshold must be in (0, 1].', { field: 'threshold' });
  }
  const confidence = params.confidence === undefined ? undefined : parseConfidenceTable(params.confidence);
  const left = parseList(params.left, 'left', schedule, now);
  const right = parseList(params.right, 'right', schedule, now);
  if (left.epoch !== right.epoch) {
    throw new KeyEpochRefusedError(`The lists were blinded under epochs ${left.epoch} and ${right.epoch}.`, {
      epoch: right.epoch,
      reason: 'mixed-epochs',
      field: 'right.epoch',
    });
  }
  // tag → right customers holding it
  const index = new Map<string, number[]>();
  right.customers.forEach((customer, position) => {
    for (const tag of customer.tags.keys()) {
      const holders = index.get(tag);
      if (holders) holders.push(position);
      else index.set(tag, [position]);
    }
  });
  const candidates: { l: number; r: number; kinds: IdentifierKind[]; score: ReturnType<typeof scoreMatch> }[] = [];
  let candidatePairs = 0;
  left.customers.forEach((customer, l) => {
    const shared = new Map<number, Set<IdentifierKind>>();
    for (const [tag, kind] of customer.tags) {
      for (const r of index.get(tag) ?? []) {
        const kinds = shared.get(r) ?? new Set();
        kinds.add(kind);
        shared.set(r, kinds);
      }
    }
    for (const [r, kindSet] of shared) {
      candidatePairs += 1;
      const kinds = [...kindSet].sort();
      const score = scoreMatch({ matchedKinds: kinds, aggregator, ...(confidence ? { confidence } : {}) });
      if (score.confidence >= threshold) candidates.push({ l, r, kinds, score });
    }
  });
  const gradeRank = { primary: 0, secondary: 1, tertiary: 2 } as const;
  candidates.sort(
    (x, y) =>
      y.score.confidence - x.score.confidence ||
      gradeRank[x.score.grade] - gradeRank[y.score.grade] ||
      x.l - y.l ||
      x.r - y.r,
  );
  const randomToken = params.randomToken ?? (() => hexlify(randomBytes(16)).slice(2));
  const expiresAt = now + (params.invitationTtlSeconds ?? 30 * 86_400);
  const usedLeft = new Set<number>();
  const usedRight = new Set<number>();
  const out: MatchResult = {
    collaborationId: schedule.collaborationId,
    epoch: left.epoch,
    aggregator,
    threshold,
    left: [],
    right: [],
    stats: { leftCustomers: left.customers.length, rightCustomers: right.customers.length, candidatePairs, matched: 0 },
  };
  for (const candidate of candidates) {
    if (usedLeft.has(candidate.l) || usedRight.has(candidate.r)) continue;
    usedLeft.add(candidate.l);
    usedRight.add(candidate.r);
    const token = randomToken();
    const invitation = (handle: string): Invitation => ({
      type: 'decdp.collaboration-invitation',
      collaborationId: schedule.collaborationId,
      invitationToken: token,
      handle,
      confidence: candidate.score.confidence,
      grade: candidate.score.grade,
      matchedKinds: candidate.kinds,
      expiresAt,
    });
    out.left.push(invitation(left.customers[candidate.l]?.handle ?? ''));
    out.right.push(invitation(right.customers[candidate.r]?.handle ?? ''));
  }
  out.stats.matched = out.left.length;
  return out;
}

function parseList(
  input: unknown,
  what: 'left' | 'right',
  schedule: KeySchedule,
  now: number,
): { epoch: number; customers: Parsed[] } {
  const list = parseWith(blindedListSchema, input, what);
  if (list.collaborationId !== schedule.collaborationId || list.keyId !== schedule.keyId) {
    throw new KeyIdMismatchError(`The ${what} list is for another collaboration or key.`, {
      field: `${what}.keyId`,
      details: [`Expected ${schedule.collaborationId}/${schedule.keyId}`, `Got ${list.collaborationId}/${list.keyId}`],
    });
  }
  assertEpochAccepted({ schedule, epoch: list.epoch, now, field: `${what}.epoch` });
  const seen = new Set<string>();
  const customers = list.customers.map((customer, position) => {
    const field = `${what}.customers[${position}]`;
    if (seen.has(customer.handle)) {
      throw new InvalidInputError('Two customers share one handle.', { field: `${field}.handle` });
    }
    seen.add(customer.handle);
    const tags = new Map<string, IdentifierKind>();
    customer.identifiers.forEach((value, slot) => {
      const itemField = `${field}.identifiers[${slot}]`;
      const parsed = parseBlindedIdentifier(value, itemField);
      if (parsed.keyId !== list.keyId) {
        throw new KeyIdMismatchError('A blinded value names another key.', { field: itemField });
      }
      if (parsed.epoch !== list.epoch) {
        throw new KeyEpochRefusedError(`A value of epoch ${parsed.epoch} in a list of epoch ${list.epoch}.`, {
          epoch: parsed.epoch,
          reason: 'mixed-epochs',
          field: itemField,
        });
      }
      tags.set(`${parsed.kind}.${parsed.tag}`, parsed.kind);
    });
    return { handle: customer.handle, tags };
  });
  return { epoch: list.epoch, customers };
}
