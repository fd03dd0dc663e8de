import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../testing/outcomeOf.ts';
import { normalizeIdentifier } from './identifiers.ts';

describe('normalizeIdentifier', () => {
  it('email: trims, lower-cases, converts an IDN domain, keeps the local part as typed', () => {
    expect(normalizeIdentifier({ kind: 'email', value: '  Jane.Doe+News@Example.COM ' })).toBe(
      'jane.doe+news@example.com',
    );
    expect(normalizeIdentifier({ kind: 'email', value: 'anna@bücher.de' })).toBe('anna@xn--bcher-kva.de');
    // full-width letters (NFKC) are the same address
    expect(normalizeIdentifier({ kind: 'email', value: 'ｊａｎｅ@example.com' })).toBe('jane@example.com');
  });

  it('phone: E.164, with a default country for national numbers', () => {
    expect(normalizeIdentifier({ kind: 'phone', value: '+31 (0)6-1234 5678' })).toBe('+31612345678');
    expect(normalizeIdentifier({ kind: 'phone', value: '+31 6 1234 5678' })).toBe('+31612345678');
    expect(normalizeIdentifier({ kind: 'phone', value: '0031 6 12345678' })).toBe('+31612345678');
    expect(normalizeIdentifier({ kind: 'phone', value: '06 12 34 56 78' }, { defaultCountryCode: '31' })).toBe(
      '+31612345678',
    );
    expect(normalizeIdentifier({ kind: 'phone', value: '(555) 010.9999' }, { defaultCountryCode: '1' })).toBe(
      '+15550109999',
    );
  });

  it('names: accents and punctuation dropped, lower case; postal codes compact upper case', () => {
    expect(normalizeIdentifier({ kind: 'firstName', value: ' José-María ' })).toBe('josemaria');
    expect(normalizeIdentifier({ kind: 'lastName', value: "O'Neill" })).toBe('oneill');
    expect(normalizeIdentifier({ kind: 'lastName', value: 'van der Berg' })).toBe('vanderberg');
    expect(normalizeIdentifier({ kind: 'postalCode', value: '1012 ab' })).toBe('1012AB');
    expect(normalizeIdentifier({ kind: 'postalCode', value: 'sw1a-1aa' })).toBe('SW1A1AA');
    expect(
      normalizeIdentifier({
        kind: 'namePostcode',
        value: { firstName: 'Zoë', lastName: 'Müller', postalCode: '10115' },
      }),
    ).toBe('zoe|muller|10115');
    expect(normalizeIdentifier({ kind: 'loyaltyNumber', value: 'ab-1234 5678' })).toBe('AB12345678');
  });

  it('refuses unknown kinds with UNKNOWN_IDENTIFIER_KIND and malformed values with INVALID_INPUT', () => {
    expect(outcomeOf(() => normalizeIdentifier({ kind: 'ssn', value: '123' }))).toBe(
      'UNKNOWN_IDENTIFIER_KIND identifier.kind',
    );
    const malformed = [
      { kind: 'email', value: 'not-an-email' },
      { kind: 'email', value: 'jane@example.com/evil' },
      { kind: 'email', value: 'jane@example.com:8080' },
      { kind: 'email', value: 'a@b@c.com' },
      { kind: 'phone', value: '06 12 34 56 78' },
      { kind: 'phone', value: '+31 6 1234 ext 5' },
      { kind: 'firstName', value: '---' },
      { kind: 'email', value: 42 },
    ];
    for (const identifier of malformed) {
      expect(
        outcomeOf(() => normalizeIdentifier(identifier)),
        JSON.stringify(identifier),
      ).toBe('INVALID_INPUT identifier.value');
    }
    expect(
      outcomeOf(() => normalizeIdentifier({ kind: 'namePostcode', value: { firstName: 'A', lastName: 'B' } })),
    ).toBe('INVALID_INPUT identifier.value.postalCode');
    expect(outcomeOf(() => normalizeIdentifier('jane@example.com'))).toBe('INVALID_INPUT identifier');
  });
});
