// What a wallet sends the mask relayer (docs/masks.md § The relayer). Each body carries what
// authenticates it: a Semaphore proof (contribution), the admission's credential proofs (join of a
// mask with admission), the leave secret (leave). Nothing in any of them names the person or an
// address of theirs: the relayer's own account pays the gas.
import { z } from 'zod';
import { parseWith } from '../../protocol/parse.ts';
import { fieldStringSchema, maskAdmissionSchema, maskContributionSchema } from '../schema.ts';

const bytes32Schema = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be 32 bytes as 0x + 64 hex digits');

export const relayedJoinSchema = z
  .object({
    identityCommitment: fieldStringSchema,
    /** keccak256(abi.encode(leave secret)) (maskLeaveKey): only who knows the secret can leave. */
    leaveKey: bytes32Schema,
    /** For a mask with admission: the credential proofs for this commitment (proveMaskAdmission). */
    admission: maskAdmissionSchema.optional(),
  })
  .strict();

export type RelayedJoin = z.output<typeof relayedJoinSchema>;

export const relayedLeaveSchema = z
  .object({
    identityCommitment: fieldStringSchema,
    /** The Merkle siblings of the commitment in the group as the chain has it. */
    siblings: z.array(fieldStringSchema).max(32),
    leaveSecret: bytes32Schema,
  })
  .strict();

export type RelayedLeave = z.output<typeof relayedLeaveSchema>;

/** A contribution as contributeToMask / prepareMaskContribution make it. */
export const relayedContributionSchema = maskContributionSchema;

export function parseRelayedJoin(input: unknown): RelayedJoin {
  return parseWith(relayedJoinSchema, input, 'body');
}

export function parseRelayedLeave(input: unknown): RelayedLeave {
  return parseWith(relayedLeaveSchema, input, 'body');
}
