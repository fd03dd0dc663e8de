import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecdpError } from '../errors/index.ts';
import { DAY_SECONDS, DEMO_KEY_SCHEDULE } from '../testing/demoCollaboration.ts';
import { blindIdentifier, parseBlindedIdentifier } from './blindCustomers.ts';
import {
  assertEpochAccepted,
  collaborationKeyForEpoch,
  createCollaborationKey,
  currentCollaborationKey,
  epochAt,
  exportCollaborationSecret,
} from './collaborationKey.ts';
import { KeyEpochRefusedError } from './errors.ts';

const DAY = DAY_SECONDS;
const schedule = DEMO_KEY_SCHEDULE;
const SECRET = `0x${'11'.repeat(32)}`;
const key = createCollaborationKey({ schedule, secret: SECRET });

function refusal(run: () => unknown): string {
  try {
    run();
    return 'OK';
  } catch (error) {
    if (error instanceof KeyEpochRefusedError) return `${error.code} ${error.reason}`;
    return error instanceof DecdpError ? error.code : String(error);
  }
}

describe('collaboration key schedule', () => {
  it('epochs follow the schedule; before the start there is none', () => {
    expect(epochAt(key.schedule, schedule.startsAt)).toBe(0);
    expect(epochAt(key.schedule, schedule.startsAt + 7 * DAY - 1)).toBe(0);
    expect(epochAt(key.schedule, schedule.startsAt + 7 * DAY)).toBe(1);
    expect(refusal(() => epochAt(key.schedule, schedule.startsAt - 1))).toBe('KEY_EPOCH_REFUSED not-yet-active');
  });

  it('ratchets with HMAC-SHA-256 (node:crypto gives the same key), forward only', () => {
    const one = collaborationKeyForEpoch(key, 1);
    const expected = createHmac('sha256', Buffer.from(SECRET.slice(2), 'hex'))
      .update('decdp:collaboration:ratchet:v1|bikes-x-coffee|k2026|1')
      .digest('hex');
    expect(exportCollaborationSecret(one)).toBe(`0x${expected}`);
    expect(collaborationKeyForEpoch(one, 3).secret).toEqual(collaborationKeyForEpoch(key, 3).secret);
    expect(refusal(() => collaborationKeyForEpoch(one, 0))).toBe('KEY_EPOCH_REFUSED backwards');
    expect(currentCollaborationKey(key, schedule.startsAt + 15 * DAY).epoch).toBe(2);
  });

  it('blinds with HMAC-SHA-256 over a domain-separated message, key id and epoch in the value', () => {
    const blinded = blindIdentifier({ key, identifier: { kind: 'email', value: ' Jane@Example.com' } });
    const expected = createHmac('sha256', Buffer.from(SECRET.slice(2), 'hex'))
      .update('decdp:collaboration:blind:v1|bikes-x-coffee|k2026|0|email|jane@example.com')
      .digest('hex');
    expect(blinded).toBe(`hb1.k2026.0.email.${expected}`);
    expect(parseBlindedIdentifier(blinded)).toEqual({ keyId: 'k2026', epoch: 0, kind: 'email', tag: expected });
    // Rotation: the next epoch's tag of the same email differs.
    const next = blindIdentifier({
      key: collaborationKeyForEpoch(key, 1),
      identifier: { kind: 'email', value: 'jane@example.com' },
    });
    expect(next.startsWith('hb1.k2026.1.email.')).toBe(true);
    expect(next.slice(-64)).not.toBe(expected);
    // Same string, other kind: another tag.
    const asLoyalty = blindIdentifier({ key, identifier: { kind: 'loyaltyNumber', value: 'JANE1234' } });
    const asLastName = blindIdentifier({ key, identifier: { kind: 'lastName', value: 'JANE1234'.replace(/\d/g, '') } });
    expect(asLoyalty.slice(-64)).not.toBe(asLastName.slice(-64));
  });

  it('accepts the current epoch and the previous one during the grace period only', () => {
    const rotation = schedule.startsAt + 7 * DAY; // epoch 1 starts
    expect(refusal(() => assertEpochAccepted({ schedule, epoch: 0, now: rotation - 1 }))).toBe('OK');
    expect(refusal(() => assertEpochAccepted({ schedule, epoch: 0, now: rotation + DAY - 1 }))).toBe('OK');
    expect(refusal(() => assertEpochAccepted({ schedule, epoch: 0, now: rotation + DAY }))).toBe(
      'KEY_EPOCH_REFUSED retired',
    );
    expect(refusal(() => assertEpochAccepted({ schedule, epoch: 1, now: rotation + DAY }))).toBe('OK');
    expect(refusal(() => assertEpochAccepted({ schedule, epoch: 2, now: rotation }))).toBe(
      'KEY_EPOCH_REFUSED not-yet-active',
    );
    // Two rotations later epoch 0 is refused even inside epoch 2's grace.
    expect(refusal(() => assertEpochAccepted({ schedule, epoch: 0, now: rotation + 7 * DAY + 10 }))).toBe(
      'KEY_EPOCH_REFUSED retired',
    );
  });

  it('refuses a malformed schedule or secret with INVALID_INPUT', () => {
    expect(refusal(() => createCollaborationKey({ schedule: { ...schedule, graceSeconds: 7 * DAY } }))).toBe(
      'INVALID_INPUT',
    );
    expect(refusal(() => createCollaborationKey({ schedule: { ...schedule, keyId: 'k.1' } }))).toBe('INVALID_INPUT');
    expect(refusal(() => createCollaborationKey({ schedule, secret: '0x1234' }))).toBe('INVALID_INPUT');
    expect(refusal(() => parseBlindedIdentifier('hb1.k2026.0.email.zz'))).toBe('INVALID_INPUT');
    expect(refusal(() => parseBlindedIdentifier(`hb1.k2026.0.ssn.${'a'.repeat(64)}`))).toBe('UNKNOWN_IDENTIFIER_KIND');
    // A random key is 32 bytes and differs each time.
    expect(createCollaborationKey({ schedule }).secret).toHaveLength(32);
  });
});
