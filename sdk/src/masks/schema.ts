// The mask documents, one zod schema each: the mask definition, its group (membership list and
// root history), a contribution (signal + Semaphore proof), the host's ledger of counts, and the
// wallet's membership document in the pod (/decdp/masks/<maskId>.json). Everything from outside
// goes through `parse…` here and becomes a typed value.
import { Group } from '@semaphore-protocol/group';
import { z } from 'zod';
import { InvalidInputError } from '../errors/index.ts';
import { parseWith } from '../protocol/parse.ts';
import { groth16ProofSchema } from '../protocol/proofBundle.ts';
import { PUBLIC_SIGNALS } from '../protocol/publicSignals.ts';
import { predicateSchema } from '../protocol/request.ts';
import { FIELD_MODULUS } from '../zk/field.ts';

/** The Semaphore tree depth of every mask: up to 2^20 (≈ 1 million) members. One artifact set. */
export const MASK_TREE_DEPTH = 20;
/** The smallest k a mask may have: counts under it are never shown. */
export const MIN_MASK_K = 5;
export const DEFAULT_MASK_K = 5;
/** One week: a member counts once per mask per week. */
export const DEFAULT_EPOCH_SECONDS = 7 * 24 * 60 * 60;
/** How long a replaced group root still verifies (Semaphore's contract uses one hour too). */
export const DEFAULT_ROOT_VALIDITY_SECONDS = 60 * 60;
/** Labels (interests, actions) per contribution, so one member cannot flood a profile. */
export const MAX_SIGNAL_LABELS = 16;
/** Predicates of a mask's admission (as many as a request may have). */
export const MAX_ADMISSION_PREDICATES = 8;

export const maskIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/, 'must be 3–64 lowercase letters, digits or dashes');

export const maskLabelSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be 1–64 lowercase letters, digits or dashes');

const DECIMAL = /^(0|[1-9][0-9]{0,76})$/;
/** zod runs a refinement even after the regex failed: a non-decimal is "not below", never a SyntaxError. */
const below = (value: string, modulus: bigint): boolean => DECIMAL.test(value) && BigInt(value) < modulus;

/** A field element as a decimal string (how Semaphore writes roots, nullifiers, points). */
export const fieldStringSchema = z
  .string()
  .regex(DECIMAL, 'must be a decimal field element')
  .refine((value) => below(value, FIELD_MODULUS), 'must be below the BN254 field modulus');

/** BN254 base field: proof point coordinates live here (a little above the scalar field). */
const BASE_FIELD_MODULUS = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;

const pointCoordinateSchema = z
  .string()
  .regex(DECIMAL, 'must be a decimal coordinate')
  .refine((value) => below(value, BASE_FIELD_MODULUS), 'must be below the BN254 base field modulus');

const unixSeconds = z.number().int().nonnegative();

/**
 * Who may join: one credential proof per predicate (the protocol's predicate shape), from an
 * issuer in `trustedIssuers`, once per credential subject (holder secret) and mask. docs/masks.md.
 */
export const maskAdmissionRuleSchema = z
  .object({
    /** E.g. `{ attribute: 'age', op: 'gte', value: 18 }`; a predicate's own `issuers` narrow `trustedIssuers`. */
    predicates: z.array(predicateSchema).min(1).max(MAX_ADMISSION_PREDICATES),
    /** Issuer key hashes (decimal Poseidon(Ax, Ay)) whose credentials admit: at least one, or anyone could self-issue. */
    trustedIssuers: z.array(fieldStringSchema).min(1).max(20),
  })
  .strict();

export type MaskAdmissionRule = z.output<typeof maskAdmissionRuleSchema>;

export const maskDefinitionSchema = z
  .object({
    version: z.literal(1),
    id: maskIdSchema,
    /** The persona, e.g. "Christmas shopping". */
    name: z.string().min(1).max(100),
    /** The intention in a sentence, shown to people before they wear the mask. */
    description: z.string().max(1000),
    createdAt: unixSeconds,
    /** Epoch = floor(unixSeconds / epochSeconds): a member counts once per epoch. */
    epochSeconds: z
      .number()
      .int()
      .min(60)
      .max(366 * 24 * 60 * 60),
    /** k-anonymity threshold of the profile: no count under k is ever shown. */
    k: z.number().int().min(MIN_MASK_K).max(100_000),
    treeDepth: z.literal(MASK_TREE_DEPTH),
    rootValiditySeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60 * 60),
    /** Absent: joining is open (joinMask). Present: joining needs proveMaskAdmission + admitMaskMember. */
    admission: maskAdmissionRuleSchema.optional(),
  })
  .strict();

export type MaskDefinition = z.output<typeof maskDefinitionSchema>;

export const maskGroupSchema = z
  .object({
    version: z.literal(1),
    maskId: maskIdSchema,
    /** Identity commitments in join order (Semaphore LeanIMT leaves). */
    members: z.array(fieldStringSchema),
    /** Every root the group had, oldest first: roots[i] is the root of members[0..i], since `since`. */
    roots: z.array(z.object({ root: fieldStringSchema, since: unixSeconds }).strict()),
  })
  .strict();

export type MaskGroup = z.output<typeof maskGroupSchema>;

export const maskSignalSchema = z
  .object({
    /** Interests contributed to the profile ("road-bikes"), counted per epoch. */
    interests: z.array(maskLabelSchema).max(MAX_SIGNAL_LABELS),
    /** Actions ("viewed-helmets", "bought-lights"), counted per epoch. */
    actions: z.array(maskLabelSchema).max(MAX_SIGNAL_LABELS),
  })
  .strict()
  .refine((signal) => signal.interests.length + signal.actions.length > 0, 'must name an interest or an action')
  .refine(
    (signal) => signal.interests.length + signal.actions.length <= MAX_SIGNAL_LABELS,
    `must have at most ${MAX_SIGNAL_LABELS} labels`,
  )
  .refine(
    (signal) =>
      new Set(signal.interests).size === signal.interests.length &&
      new Set(signal.actions).size === signal.actions.length,
    'must not repeat a label',
  );

export type MaskSignal = z.output<typeof maskSignalSchema>;

/** @semaphore-protocol/proof's SemaphoreProof, checked field by field. */
export const semaphoreProofSchema = z
  .object({
    merkleTreeDepth: z.number().int().min(1).max(32),
    merkleTreeRoot: fieldStringSchema,
    nullifier: fieldStringSchema,
    message: fieldStringSchema,
    scope: fieldStringSchema,
    /** The Groth16 proof packed as Semaphore does: a, b (G2, 4 coordinates), c. */
    points: z.tuple([
      pointCoordinateSchema,
      pointCoordinateSchema,
      pointCoordinateSchema,
      pointCoordinateSchema,
      pointCoordinateSchema,
      pointCoordinateSchema,
      pointCoordinateSchema,
      pointCoordinateSchema,
    ]),
  })
  .strict();

export const maskContributionSchema = z
  .object({
    version: z.literal(1),
    maskId: maskIdSchema,
    epoch: z.number().int().nonnegative(),
    signal: maskSignalSchema,
    proof: semaphoreProofSchema,
  })
  .strict();

/** What a wallet sends to the mask host: nothing in it names the person. */
export type MaskContribution = z.output<typeof maskContributionSchema>;

const countsSchema = z.record(maskLabelSchema, z.number().int().positive());

export const maskLedgerSchema = z
  .object({
    version: z.literal(1),
    maskId: maskIdSchema,
    /** Per epoch (decimal key): counts only, and the nullifiers while the epoch is open. */
    epochs: z.record(
      z.string().regex(/^(0|[1-9][0-9]*)$/),
      z
        .object({
          contributors: z.number().int().nonnegative(),
          nullifiers: z.array(fieldStringSchema),
          interests: countsSchema,
          actions: countsSchema,
        })
        .strict(),
    ),
    /**
     * Masks with admission: the admission nullifiers spent, sorted (not in join order, so they do
     * not pair with the group's members). Kept here, the host's own state, not in the published
     * group. Absent: none spent (every open mask, and ledgers written before admission existed).
     */
    admissionNullifiers: z.array(fieldStringSchema).optional(),
  })
  .strict();

/** The mask host's state: counts per epoch and label, never one member's contribution. */
export type MaskLedger = z.output<typeof maskLedgerSchema>;

export const maskAdmissionSchema = z
  .object({
    // Version 2 (circuit v3): the pseudonym travels with the proofs, as in an answer's bundle.
    version: z.literal(2),
    type: z.literal('decdp.mask-admission'),
    maskId: maskIdSchema,
    /** The Semaphore identity commitment to add: bound in every proof (contextHash). */
    identityCommitment: fieldStringSchema,
    /**
     * The holder's pseudonym at the mask's admission scope: contextHash = Poseidon(pseudonym,
     * admission hash) is computed from it in the circuit. As unlinkable as the admission nullifier
     * (both live only in this mask's admission scope).
     */
    pseudonym: fieldStringSchema,
    proofs: z
      .array(
        z
          .object({
            /** Index into the mask's `admission.predicates`. */
            predicateIndex: z
              .number()
              .int()
              .min(0)
              .max(MAX_ADMISSION_PREDICATES - 1),
            /** The issuer whose credential was used; hashed into the proof's statementHash. */
            issuerKeyHash: fieldStringSchema,
            proof: groth16ProofSchema,
            publicSignals: z.array(fieldStringSchema).length(PUBLIC_SIGNALS.length),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_ADMISSION_PREDICATES),
  })
  .strict();

/** What a wallet sends to join a mask with admission: credential proofs and the admission-scope pseudonym, no name. */
export type MaskAdmission = z.output<typeof maskAdmissionSchema>;

export const MASK_IDENTITY_DERIVATION = 'decdp-mask-identity-v1';

/** Answered requests one membership document keeps (older ones go first). */
export const MAX_KEPT_MASK_ANSWERS = 200;

/**
 * The wallet's record of a request it answered as a member: enough to show it again after a
 * reload ("Answered", when, what the proof told the shop) and to ask that shop for its offer, and
 * to know it is answered before proving again. Only in the person's pod.
 */
function maskAnswerRecordSchema() {
  return z
    .object({
      requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, _ or -'),
      merchant: z
        .object({ name: z.string().min(1).max(100), address: z.string().regex(/^0x[0-9a-fA-F]{40}$/) })
        .strict(),
      purpose: z.string().min(1).max(500),
      /** The shop's offer service named in the signed request, if any. */
      offers: z.string().max(300).optional(),
      expiresAt: z.number().int().nonnegative(),
      answeredAt: z.iso.datetime(),
      /** The reward address bound in the answer (the request paid), or null. */
      recipient: z
        .string()
        .regex(/^0x[0-9a-fA-F]{40}$/)
        .nullable(),
    })
    .strict();
}

/** One answered request in the membership document. */
export type MaskAnswerRecord = z.output<ReturnType<typeof maskAnswerRecordSchema>>;

export const maskMembershipSchema = z
  .object({
    type: z.literal('DecdpMaskMembership'),
    version: z.literal(1),
    mask: maskDefinitionSchema,
    /** The public identity commitment of this wallet in this mask only. */
    identityCommitment: fieldStringSchema,
    /** How the Semaphore identity is derived from the holder secret (docs/masks.md). No secret here. */
    identityDerivation: z.literal(MASK_IDENTITY_DERIVATION),
    joinedAt: z.iso.datetime(),
    /** The person's own history: what they contributed, per epoch (one entry per epoch). */
    contributions: z.array(
      z
        .object({ epoch: z.number().int().nonnegative(), contributedAt: z.iso.datetime(), signal: maskSignalSchema })
        .strict(),
    ),
    /** The requests to the mask's members this person answered (absent in documents from before). */
    answers: z.array(maskAnswerRecordSchema()).max(MAX_KEPT_MASK_ANSWERS).optional(),
  })
  .strict();

/** The pod document /decdp/masks/<maskId>.json. */
export type MaskMembership = z.output<typeof maskMembershipSchema>;

export function parseMaskDefinition(input: unknown): MaskDefinition {
  return parseWith(maskDefinitionSchema, input, 'mask');
}

export function parseMaskSignal(input: unknown): MaskSignal {
  return parseWith(maskSignalSchema, input, 'signal');
}

export function parseMaskContribution(input: unknown): MaskContribution {
  return parseWith(maskContributionSchema, input, 'contribution');
}

export function parseMaskLedger(input: unknown): MaskLedger {
  const ledger = parseWith(maskLedgerSchema, input, 'ledger');
  const spent = ledger.admissionNullifiers ?? [];
  if (new Set(spent).size !== spent.length) {
    throw new InvalidInputError('ledger.admissionNullifiers: a nullifier appears twice.', {
      field: 'ledger.admissionNullifiers',
    });
  }
  return ledger;
}

export function parseMaskAdmission(input: unknown): MaskAdmission {
  return parseWith(maskAdmissionSchema, input, 'admission');
}

export function parseMaskMembership(input: unknown): MaskMembership {
  const membership = parseWith(maskMembershipSchema, input, 'membership');
  const epochs = membership.contributions.map((entry) => entry.epoch);
  if (new Set(epochs).size !== epochs.length) {
    throw new InvalidInputError('membership.contributions: one epoch appears twice.', {
      field: 'membership.contributions',
    });
  }
  return membership;
}

/**
 * Parses a group and checks it is whole: members unique, one root per member in join order, and
 * each root the root of the members up to it (a list and roots that disagree would accept proofs
 * from people not listed, or misstate how many members stood behind a root).
 */
export function parseMaskGroup(input: unknown): MaskGroup {
  const group = parseWith(maskGroupSchema, input, 'group');
  if (new Set(group.members).size !== group.members.length) {
    throw new InvalidInputError('group.members: a commitment appears twice.', { field: 'group.members' });
  }
  if (group.roots.length !== group.members.length) {
    throw new InvalidInputError('group.roots: there must be one root per member, in join order.', {
      field: 'group.roots',
    });
  }
  const tree = new Group();
  for (const [index, member] of group.members.entries()) {
    tree.addMember(BigInt(member));
    const entry = group.roots[index] as { root: string; since: number };
    if (entry.root !== tree.root.toString()) {
      throw new InvalidInputError(`group.roots[${index}] is not the root of the first ${index + 1} members.`, {
        field: `group.roots[${index}].root`,
      });
    }
    if (index > 0 && entry.since < (group.roots[index - 1] as { since: number }).since) {
      throw new InvalidInputError('group.roots: not in time order.', { field: `group.roots[${index}].since` });
    }
  }
  return group;
}
