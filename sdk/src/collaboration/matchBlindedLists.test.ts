import { describe, expect, it } from 'vitest';
import { DAY_SECONDS, DEMO_KEY_SCHEDULE } from '../testing/demoCollaboration.ts';
import { outcomeOf } from '../testing/outcomeOf.ts';
import { blindCustomers } from './blindCustomers.ts';
import { collaborationKeyForEpoch, createCollaborationKey } from './collaborationKey.ts';
import { normalizeIdentifier } from './identifiers.ts';
import { matchBlindedLists } from './matchBlindedLists.ts';

const DAY = DAY_SECONDS;
const schedule = DEMO_KEY_SCHEDULE;
const now = schedule.startsAt + 3 * DAY;
// Both merchants hold the same epoch-0 key; the matcher gets only the schedule.
const keyA = createCollaborationKey({ schedule, secret: `0x${'42'.repeat(32)}` });
const keyB = createCollaborationKey({ schedule, secret: `0x${'42'.repeat(32)}` });

/** A CRM customer: its ref and its identifiers by kind, in this order. */
const customer = (ref: string, identifiers: Record<string, string>) => ({
  ref,
  identifiers: Object.entries(identifiers).map(([kind, value]) => ({ kind, value })),
});

const bikeShop = [
  customer('bike-1', { email: 'Jane.Doe@Example.com', phone: '+31 6 1234 5678' }),
  customer('bike-2', { firstName: 'José', lastName: 'García', postalCode: '1012 AB' }),
  customer('bike-3', { email: 'only-at-bikes@example.org' }),
  customer('bike-4', { loyaltyNumber: 'CO-0000-7777' }),
];
const coffeeShop = [
  customer('cof-a', { phone: '06-12345678' }), // national form, NL
  customer('cof-b', { firstName: 'jose', lastName: 'GARCIA', postalCode: '1012ab', email: 'jg@coffee.example' }),
  customer('cof-c', { email: 'someone.else@example.com' }),
  customer('cof-d', { loyaltyNumber: 'co00007777' }),
];
const RAW_VALUES = [...bikeShop, ...coffeeShop].flatMap((customer) =>
  customer.identifiers.flatMap((identifier) => [
    identifier.value,
    normalizeIdentifier(identifier, { defaultCountryCode: '31' }),
  ]),
);

let counter = 0;
const handle = () => (++counter).toString(16).padStart(32, '0');
const a = blindCustomers({ key: keyA, customers: bikeShop, now, randomHandle: handle });
const b = blindCustomers({ key: keyB, customers: coffeeShop, now, defaultCountryCode: '31', randomHandle: handle });

const refOf = (handles: Map<string, string>, value: string) => handles.get(value);

describe('matchBlindedLists', () => {
  it('invites each side’s matched customers, best first, with confidence and grade', () => {
    const result = matchBlindedLists({ schedule, left: a.list, right: b.list, now, threshold: 0.5 });
    const left = result.left.map((invitation) => ({
      ref: refOf(a.handles, invitation.handle),
      confidence: invitation.confidence,
      grade: invitation.grade,
      matchedKinds: invitation.matchedKinds,
    }));
    expect(left).toEqual([
      { ref: 'bike-1', confidence: 0.85, grade: 'primary', matchedKinds: ['phone'] },
      { ref: 'bike-4', confidence: 0.8, grade: 'primary', matchedKinds: ['loyaltyNumber'] },
      { ref: 'bike-2', confidence: 0.6, grade: 'secondary', matchedKinds: ['namePostcode'] },
    ]);
    expect(result.right.map((invitation) => refOf(b.handles, invitation.handle))).toEqual(['cof-a', 'cof-d', 'cof-b']);
    // One token per pair, the same on both sides, distinct between pairs.
    expect(result.left.map((i) => i.invitationToken)).toEqual(result.right.map((i) => i.invitationToken));
    expect(new Set(result.left.map((i) => i.invitationToken)).size).toBe(3);
    expect(result.stats).toEqual({ leftCustomers: 4, rightCustomers: 4, candidatePairs: 3, matched: 3 });
  });

  it('the default threshold (0.75, max) leaves out a name + postcode match', () => {
    const result = matchBlindedLists({ schedule, left: a.list, right: b.list, now });
    expect(result.aggregator).toBe('max');
    expect(result.left.map((invitation) => refOf(a.handles, invitation.handle))).toEqual(['bike-1', 'bike-4']);
  });

  it('never outputs a raw, normalized or blinded identifier, nor the other side’s handles', () => {
    const result = matchBlindedLists({ schedule, left: a.list, right: b.list, now, threshold: 0.2 });
    const leftJson = JSON.stringify(result.left);
    const rightJson = JSON.stringify(result.right);
    const whole = JSON.stringify(result);
    for (const value of RAW_VALUES) expect(whole.toLowerCase()).not.toContain(value.toLowerCase());
    for (const customer of [...a.list.customers, ...b.list.customers]) {
      for (const blinded of customer.identifiers) expect(whole).not.toContain(blinded.slice(-64));
    }
    for (const customer of b.list.customers) expect(leftJson).not.toContain(customer.handle);
    for (const customer of a.list.customers) expect(rightJson).not.toContain(customer.handle);
    // Only these fields: an invitation, nothing to merge.
    for (const invitation of [...result.left, ...result.right]) {
      expect(Object.keys(invitation).sort()).toEqual([
        'collaborationId',
        'confidence',
        'expiresAt',
        'grade',
        'handle',
        'invitationToken',
        'matchedKinds',
        'type',
      ]);
    }
    // The blinded lists themselves hold no raw value and no CRM ref either.
    const lists = JSON.stringify([a.list, b.list]);
    for (const value of RAW_VALUES) expect(lists.toLowerCase()).not.toContain(value.toLowerCase());
    for (const ref of ['bike-1', 'bike-2', 'cof-a', 'cof-b']) expect(lists).not.toContain(ref);
  });

  it('assigns one-to-one: a shared family email invites one pair, the strongest', () => {
    const left = blindCustomers({
      key: keyA,
      now,
      customers: [
        customer('mum', { email: 'family@example.com', phone: '+441234567890' }),
        customer('kid', { email: 'family@example.com' }),
      ],
    });
    const right = blindCustomers({
      key: keyB,
      now,
      customers: [customer('mum-b', { email: 'family@example.com', phone: '+44 1234 567890' })],
    });
    const result = matchBlindedLists({ schedule, left: left.list, right: right.list, now, aggregator: 'noisyOr' });
    expect(result.left.map((i) => [left.handles.get(i.handle), i.confidence])).toEqual([['mum', 0.985]]); // 1 − 0.1 · 0.15
    expect(result.stats.candidatePairs).toBe(2);
  });

  it('the worked example of docs/collaboration.md, end to end', () => {
    const left = blindCustomers({
      key: keyA,
      now,
      customers: [
        customer('jose-at-bikes', {
          email: 'jose.garcia@example.com',
          phone: '+31 6 1234 5678',
          firstName: 'José',
          lastName: 'García',
          postalCode: '1012 AB',
        }),
      ],
    });
    const right = blindCustomers({
      key: keyB,
      now,
      defaultCountryCode: '31',
      customers: [
        customer('jose-at-coffee', {
          email: 'jg@coffee.example',
          phone: '06-12345678',
          firstName: 'jose',
          lastName: 'GARCIA',
          postalCode: '1012ab',
        }),
      ],
    });
    const result = matchBlindedLists({ schedule, left: left.list, right: right.list, now });
    expect(result.left.map(({ confidence, grade, matchedKinds }) => ({ confidence, grade, matchedKinds }))).toEqual([
      { confidence: 0.85, grade: 'primary', matchedKinds: ['namePostcode', 'phone'] },
    ]);
    expect(matchBlindedLists({ schedule, left: left.list, right: right.list, now, aggregator: 'mean' }).left).toEqual(
      [],
    ); // 0.725
  });

  it('refuses a list of a retired epoch, mixed epochs, another key, malformed input', () => {
    const nextWeek = schedule.startsAt + 7 * DAY + 2 * DAY; // epoch 1, past the 1-day grace
    expect(outcomeOf(() => matchBlindedLists({ schedule, left: a.list, right: b.list, now: nextWeek }))).toBe(
      'KEY_EPOCH_REFUSED left.epoch',
    );
    const graceTime = schedule.startsAt + 7 * DAY + 3600;
    expect(outcomeOf(() => matchBlindedLists({ schedule, left: a.list, right: b.list, now: graceTime }))).toBe('OK');
    const b1 = blindCustomers({
      key: collaborationKeyForEpoch(keyB, 1),
      customers: coffeeShop,
      now: graceTime,
      defaultCountryCode: '31',
    });
    expect(outcomeOf(() => matchBlindedLists({ schedule, left: a.list, right: b1.list, now: graceTime }))).toBe(
      'KEY_EPOCH_REFUSED right.epoch',
    );
    const forged = structuredClone(a.list);
    const first = forged.customers[0];
    if (first) first.identifiers[0] = first.identifiers[0]?.replace('hb1.k2026.0.', 'hb1.k2026.1.') ?? '';
    expect(outcomeOf(() => matchBlindedLists({ schedule, left: forged, right: b.list, now }))).toBe(
      'KEY_EPOCH_REFUSED left.customers[0].identifiers[0]',
    );
    expect(
      outcomeOf(() =>
        matchBlindedLists({ schedule: { ...schedule, keyId: 'k2027' }, left: a.list, right: b.list, now }),
      ),
    ).toBe('KEY_ID_MISMATCH left.keyId');
    const unknownKind = structuredClone(a.list);
    const entry = unknownKind.customers[0];
    if (entry) entry.identifiers[0] = `hb1.k2026.0.ssn.${'ab'.repeat(32)}`;
    expect(outcomeOf(() => matchBlindedLists({ schedule, left: unknownKind, right: b.list, now }))).toBe(
      'UNKNOWN_IDENTIFIER_KIND left.customers[0].identifiers[0].kind',
    );
    expect(outcomeOf(() => matchBlindedLists({ schedule, left: { ...a.list, version: 2 }, right: b.list, now }))).toBe(
      'INVALID_INPUT left.version',
    );
    expect(outcomeOf(() => matchBlindedLists({ schedule, left: a.list, right: b.list, now, threshold: 0 }))).toBe(
      'VALUE_OUT_OF_RANGE threshold',
    );
  });
});

describe('blindCustomers', () => {
  it('refuses unknown kinds and malformed values, or skips them when asked', () => {
    const customers = [
      { ref: 'x', identifiers: [{ kind: 'ssn', value: '123-45-6789' }] },
      { ref: 'y', identifiers: [{ kind: 'phone', value: '06 1234' }] },
      { ref: 'z', identifiers: [{ kind: 'firstName', value: 'Only' }] }, // not blinded by default
    ];
    expect(outcomeOf(() => blindCustomers({ key: keyA, customers, now }))).toBe(
      'UNKNOWN_IDENTIFIER_KIND customers[0].identifiers[0].kind',
    );
    const skipped = blindCustomers({ key: keyA, customers, now, skipInvalid: true });
    expect(skipped.skipped).toEqual([
      { ref: 'x', field: 'customers[0].identifiers[0].kind', code: 'UNKNOWN_IDENTIFIER_KIND' },
      { ref: 'y', field: 'customers[1].identifiers[0].value', code: 'INVALID_INPUT' },
      { ref: 'z', field: 'customers[2].identifiers', code: 'NO_BLINDABLE_IDENTIFIER' },
    ]);
    expect(skipped.list.customers).toEqual([]);
    expect(outcomeOf(() => blindCustomers({ key: keyA, customers: {}, now }))).toBe('INVALID_INPUT customers');
    expect(outcomeOf(() => blindCustomers({ key: keyA, customers: [{ identifiers: [] }], now }))).toBe(
      'INVALID_INPUT customers[0].ref',
    );
    expect(outcomeOf(() => blindCustomers({ key: keyA, customers: [], now, kinds: ['iban' as 'email'] }))).toBe(
      'UNKNOWN_IDENTIFIER_KIND kinds[0]',
    );
  });

  it('blinds under the epoch at `now` and sorts entries by their random handle', () => {
    const later = blindCustomers({ key: keyA, customers: bikeShop, now: schedule.startsAt + 8 * DAY });
    expect(later.list.epoch).toBe(1);
    expect(later.list.customers.every((c) => c.identifiers.every((v) => v.startsWith('hb1.k2026.1.')))).toBe(true);
    const handles = later.list.customers.map((c) => c.handle);
    expect(handles).toEqual([...handles].sort());
  });
});
