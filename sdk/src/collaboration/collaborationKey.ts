// The per-collaboration blinding key and its schedule. The two merchants agree once on a random
// 32-byte key for epoch 0 (out of band, or by ECDH between their Ethereum keys) and a schedule;
// each epoch's key is the previous one ratcheted with HMAC-SHA-256, so both sides derive the same
// key without talking again, and a party that erases old keys cannot recompute old tags
// (forward secrecy for retired epochs). Blinded values name key id and epoch; a value of an epoch
// older than the current one + grace is refused.
import { computeHmac, getBytes, hexlify, randomBytes, toUtf8Bytes } from 'ethers';
import { z } from 'zod';
import { idPart } from '../protocol/fields.ts';
import { parseWith } from '../protocol/parse.ts';
import { KeyEpochRefusedError } from './errors.ts';

export const keyScheduleSchema = z
  .object({
    /** Names the collaboration (both merchants and the campaign agree on it). */
    collaborationId: idPart,
    /** Names the agreed epoch-0 key; a new agreement (new root key) gets a new id. */
    keyId: idPart,
    /** Unix seconds when epoch 0 starts. */
    startsAt: z.number().int().nonnegative(),
    /** Length of one epoch; at least an hour. */
    rotationSeconds: z.number().int().min(3600),
    /** How long after a rotation values of the previous epoch are still accepted. */
    graceSeconds: z.number().int().nonnegative(),
  })
  .strict()
  .refine((schedule) => schedule.graceSeconds < schedule.rotationSeconds, {
    message: 'must be shorter than rotationSeconds',
    path: ['graceSeconds'],
  });

export type KeySchedule = z.output<typeof keyScheduleSchema>;

/** One epoch's key. `secret` never leaves the merchant: it is not serialized by toJSON. */
export type CollaborationKey = { readonly schedule: KeySchedule; readonly epoch: number; readonly secret: Uint8Array };

export function parseKeySchedule(input: unknown): KeySchedule {
  return parseWith(keyScheduleSchema, input, 'schedule');
}

/**
 * The epoch-0 key of a collaboration: `secret` (0x + 32 bytes) as agreed, or fresh random bytes to
 * hand to the other merchant over a confidential channel.
 * @example const key = createCollaborationKey({ schedule: { collaborationId: 'bikes-x-coffee', keyId: 'k1', startsAt, rotationSeconds: 7 * 86_400, graceSeconds: 86_400 } });
 */
export function createCollaborationKey(params: { schedule: unknown; secret?: string }): CollaborationKey {
  const schedule = parseKeySchedule(params.schedule);
  const secret = params.secret === undefined ? randomBytes(32) : parseSecret(params.secret);
  return { schedule, epoch: 0, secret };
}

const secretSchema = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x + 32 bytes hex');

function parseSecret(secret: string): Uint8Array {
  return getBytes(parseWith(secretSchema, secret, 'secret'));
}

/** The epoch at `now` (unix seconds); before epoch 0 starts there is none. */
export function epochAt(schedule: KeySchedule, now: number): number {
  if (now < schedule.startsAt) {
    throw new KeyEpochRefusedError('The collaboration has not started yet.', {
      epoch: -1,
      reason: 'not-yet-active',
      field: 'now',
    });
  }
  return Math.floor((now - schedule.startsAt) / schedule.rotationSeconds);
}

/** Unix seconds when `epoch` starts. */
export function epochStart(schedule: KeySchedule, epoch: number): number {
  return schedule.startsAt + epoch * schedule.rotationSeconds;
}

/** The next epoch's key: HMAC-SHA-256(secret, "decdp:collaboration:ratchet:v1|id|keyId|next"). */
export function ratchetCollaborationKey(key: CollaborationKey): CollaborationKey {
  const next = key.epoch + 1;
  const label = `decdp:collaboration:ratchet:v1|${key.schedule.collaborationId}|${key.schedule.keyId}|${next}`;
  return {
    schedule: key.schedule,
    epoch: next,
    secret: getBytes(computeHmac('sha256', key.secret, toUtf8Bytes(label))),
  };
}

/** Ratchets forward to `epoch`; refuses to go back (old keys cannot be recomputed from new ones). */
export function collaborationKeyForEpoch(key: CollaborationKey, epoch: number): CollaborationKey {
  if (!Number.isSafeInteger(epoch) || epoch < key.epoch) {
    throw new KeyEpochRefusedError(`Epoch ${epoch} is before this key's epoch ${key.epoch}.`, {
      epoch,
      reason: 'backwards',
      field: 'epoch',
    });
  }
  let current = key;
  while (current.epoch < epoch) current = ratchetCollaborationKey(current);
  return current;
}

/** The key of the epoch at `now`. */
export function currentCollaborationKey(key: CollaborationKey, now: number): CollaborationKey {
  return collaborationKeyForEpoch(key, epochAt(key.schedule, now));
}

/**
 * Accepts the current epoch, and the previous one until `graceSeconds` after the rotation;
 * throws KeyEpochRefusedError for anything else (retired or not yet active).
 */
export function assertEpochAccepted(params: {
  schedule: KeySchedule;
  epoch: number;
  now: number;
  field?: string;
}): void {
  const { schedule, epoch, now } = params;
  const field = params.field ?? 'epoch';
  const current = epochAt(schedule, now);
  if (epoch > current) {
    throw new KeyEpochRefusedError(`Key epoch ${epoch} has not started (current epoch ${current}).`, {
      epoch,
      reason: 'not-yet-active',
      field,
    });
  }
  const inGrace = epoch === current - 1 && now < epochStart(schedule, current) + schedule.graceSeconds;
  if (epoch !== current && !inGrace) {
    throw new KeyEpochRefusedError(`Key epoch ${epoch} is retired (current epoch ${current}).`, {
      epoch,
      reason: 'retired',
      field,
      details: [
        `Epoch ${current} started at ${new Date(epochStart(schedule, current) * 1000).toISOString()}`,
        `Grace ${schedule.graceSeconds} s`,
      ],
    });
  }
}

/** The secret as 0x-hex, for handing epoch 0 to the other merchant; keep it out of logs. */
export function exportCollaborationSecret(key: CollaborationKey): string {
  return hexlify(key.secret);
}
