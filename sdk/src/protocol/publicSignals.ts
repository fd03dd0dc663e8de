// The credential circuit's public signals (circuit v3): the one TypeScript description of the
// layout. snarkjs order = the circuit's outputs in declaration order (circuits/src/credential.circom).
// Solidity reads the same indices (contracts/src/SignalIndex.sol); docs/interfaces.md describes it.
//
//   0 statementHash    Poseidon(predicateHash, issuerKeyHash, merchantScope, nullifierScope) with
//                      predicateHash = Poseidon(attributeId, operator, operandA, operandB, setHash):
//                      what a campaign or request fixes in advance (RewardPool recomputes it).
//   1 nullifier        Poseidon(NULLIFIER_TAG, holderSecret, nullifierScope): one answer (or claim)
//                      per scope.
//   2 recipientAndTime recipient + now · 2^160 (recipient < 2^160, now < 2^64, range-checked in
//                      the circuit): a contract unpacks it with a mask and a shift.
//   3 contextHash      Poseidon(pseudonym, requestHash), pseudonym = Poseidon(PSEUDONYM_TAG,
//                      holderSecret, merchantScope): only merchants read it; the bundle carries
//                      the pseudonym, the merchant recomputes the hash.
import { InvalidInputError, UnknownOperatorError, ValueOutOfRangeError } from '../errors/index.ts';
import { FIELD_MODULUS } from '../zk/field.ts';
import { poseidonHash } from '../zk/poseidon.ts';
import { OPERATOR_CODES } from './operators.ts';

/**
 * The circuit version this layout and these hashes belong to: stored with every record and receipt,
 * so data made under another version is recognised and refused instead of misread. v3 (issue 21):
 * domain tags in the nullifier and the pseudonym, the statement as two hashes of at most five inputs.
 */
export const CIRCUIT_VERSION = 3;

/** ASCII "decdp:nullifier:v3" as a big-endian integer: the nullifier's domain tag in the circuit. */
export const NULLIFIER_TAG = 0x64656364703a6e756c6c69666965723a7633n;
/** ASCII "decdp:pseudonym:v3" as a big-endian integer: the pseudonym's domain tag in the circuit. */
export const PSEUDONYM_TAG = 0x64656364703a70736575646f6e796d3a7633n;

export const PUBLIC_SIGNALS = ['statementHash', 'nullifier', 'recipientAndTime', 'contextHash'] as const;

export type PublicSignalName = (typeof PUBLIC_SIGNALS)[number];
export type PublicSignals = Record<PublicSignalName, bigint>;

/** Number of public signals: the verification key's `nPublic`, the Solidity verifier's array length. */
export const PUBLIC_SIGNAL_COUNT = PUBLIC_SIGNALS.length;

export const SIGNAL_INDEX = Object.fromEntries(PUBLIC_SIGNALS.map((name, index) => [name, index])) as Record<
  PublicSignalName,
  number
>;

/** Bits of the recipient (an Ethereum address) in recipientAndTime; `now` sits above them. */
export const RECIPIENT_BITS = 160n;
/** `now` (unix seconds) is a 64-bit value in the circuit. */
export const TIME_BITS = 64n;
const RECIPIENT_MASK = (1n << RECIPIENT_BITS) - 1n;
const TIME_MAX = (1n << TIME_BITS) - 1n;

export function publicSignalsFromArray(values: readonly (string | bigint)[]): PublicSignals {
  const out = {} as PublicSignals;
  PUBLIC_SIGNALS.forEach((name, index) => {
    out[name] = BigInt(values[index] ?? 0);
  });
  return out;
}

export function publicSignalsToArray(signals: PublicSignals): string[] {
  return PUBLIC_SIGNALS.map((name) => signals[name].toString());
}

/** What a campaign (or a request's predicate) fixes before anyone proves: hashed into statementHash. */
export type Statement = {
  /** Poseidon(Ax, Ay) of the issuer's key. */
  issuerKeyHash: bigint;
  /** The attribute's code in the vocabulary. */
  attributeId: bigint;
  /** OPERATOR_CODES value. */
  operator: bigint;
  operandA: bigint;
  operandB: bigint;
  /** Poseidon of the padded set (ResolvedPredicate.setHash); Poseidon of ten zeros when unused. */
  setHash: bigint;
  /** The pseudonym's domain (the request's `scope`). */
  merchantScope: bigint;
  /** The nullifier's domain (a campaign's scope, or the request hash when nothing is paid). */
  nullifierScope: bigint;
};

const STATEMENT_FIELDS = [
  'issuerKeyHash',
  'attributeId',
  'operator',
  'operandA',
  'operandB',
  'setHash',
  'merchantScope',
  'nullifierScope',
] as const satisfies readonly (keyof Statement)[];

const KNOWN_OPERATOR_CODES = new Set<bigint>(Object.values(OPERATOR_CODES).map(BigInt));

/**
 * statementHash = Poseidon(predicateHash, issuerKeyHash, merchantScope, nullifierScope), with
 * predicateHash = Poseidon(attributeId, operator, operandA, operandB, setHash): public signal 0.
 * RewardPool computes it at campaign creation; a merchant recomputes it from its request and the
 * issuer the bundle names.
 * @example
 * const predicate = await resolvePredicate(request.predicates[0], 'predicate');
 * const hash = await statementHashOf(statementOf(predicate, { issuerKeyHash, merchantScope, nullifierScope }));
 */
export function statementHashOf(statement: Statement): Promise<bigint> {
  for (const name of STATEMENT_FIELDS) {
    const value = statement[name];
    if (typeof value !== 'bigint') {
      throw new InvalidInputError(`Parameter '${name}' is not a bigint.`, { field: `statement.${name}` });
    }
    if (value < 0n || value >= FIELD_MODULUS) {
      throw new ValueOutOfRangeError(`Parameter '${name}' is not a BN254 field element.`, {
        field: `statement.${name}`,
      });
    }
  }
  if (!KNOWN_OPERATOR_CODES.has(statement.operator)) {
    throw new UnknownOperatorError(statement.operator.toString(), { field: 'statement.operator' });
  }
  const isRange =
    statement.operator === BigInt(OPERATOR_CODES.between) || statement.operator === BigInt(OPERATOR_CODES.notBetween);
  if (isRange && statement.operandA > statement.operandB) {
    // between [b, a] holds for nobody and notBetween [b, a] for everybody: a mistake, never meant.
    throw new InvalidInputError('The range bounds are swapped: operandA must not exceed operandB.', {
      field: 'statement.operandA',
    });
  }
  // Not async: the checks above throw synchronously, as callers and tests expect.
  return predicateHashOf(statement).then((predicateHash) =>
    poseidonHash([predicateHash, statement.issuerKeyHash, statement.merchantScope, statement.nullifierScope]),
  );
}

/** predicateHash = Poseidon(attributeId, operator, operandA, operandB, setHash): the part of a
 * statement that names neither issuer nor scopes (RewardPool computes it once per campaign). */
export function predicateHashOf(
  statement: Pick<Statement, 'attributeId' | 'operator' | 'operandA' | 'operandB' | 'setHash'>,
): Promise<bigint> {
  return poseidonHash([
    statement.attributeId,
    statement.operator,
    statement.operandA,
    statement.operandB,
    statement.setHash,
  ]);
}

/** The statement of a resolved predicate for one issuer and one pair of scopes. */
export function statementOf(
  predicate: { attribute: { code: number }; operatorCode: bigint; operandA: bigint; operandB: bigint; setHash: bigint },
  context: { issuerKeyHash: bigint; merchantScope: bigint; nullifierScope: bigint },
): Statement {
  return {
    issuerKeyHash: context.issuerKeyHash,
    attributeId: BigInt(predicate.attribute.code),
    operator: predicate.operatorCode,
    operandA: predicate.operandA,
    operandB: predicate.operandB,
    setHash: predicate.setHash,
    merchantScope: context.merchantScope,
    nullifierScope: context.nullifierScope,
  };
}

/** contextHash = Poseidon(pseudonym, requestHash): public signal 3. */
export function contextHashOf(params: { pseudonym: bigint; requestHash: bigint }): Promise<bigint> {
  return poseidonHash([params.pseudonym, params.requestHash]);
}

/** pseudonym = Poseidon(PSEUDONYM_TAG, holderSecret, merchantScope): the holder's stable name at one merchant. */
export function pseudonymOf(params: { holderSecret: bigint; merchantScope: bigint }): Promise<bigint> {
  return poseidonHash([PSEUDONYM_TAG, params.holderSecret, params.merchantScope]);
}

/**
 * nullifier = Poseidon(NULLIFIER_TAG, holderSecret, nullifierScope): public signal 1, one answer
 * or claim per scope. The tag keeps it apart from the pseudonym even when the scopes are equal.
 */
export function nullifierOf(params: { holderSecret: bigint; nullifierScope: bigint }): Promise<bigint> {
  return poseidonHash([NULLIFIER_TAG, params.holderSecret, params.nullifierScope]);
}

/** recipientAndTime = recipient + now · 2^160, with the circuit's range checks. */
export function packRecipientAndTime(params: { recipient: bigint; now: bigint | number }): bigint {
  const now = BigInt(params.now);
  if (params.recipient < 0n || params.recipient > RECIPIENT_MASK) {
    throw new ValueOutOfRangeError('The recipient must be a 20-byte address (below 2^160).', { field: 'recipient' });
  }
  if (now < 0n || now > TIME_MAX) {
    throw new ValueOutOfRangeError('The proof time must be between 0 and 2^64-1.', { field: 'now' });
  }
  return params.recipient + (now << RECIPIENT_BITS);
}

/** The inverse of packRecipientAndTime; refuses a value no valid proof can carry. */
export function unpackRecipientAndTime(packed: bigint): { recipient: bigint; now: bigint } {
  if (packed < 0n || packed >> (RECIPIENT_BITS + TIME_BITS) !== 0n) {
    throw new ValueOutOfRangeError('recipientAndTime is above 2^224: not a packed recipient and time.', {
      field: 'publicSignals.recipientAndTime',
    });
  }
  return { recipient: packed & RECIPIENT_MASK, now: packed >> RECIPIENT_BITS };
}

/** The recipient bound in a proof's public signals, as a 0x address (lower case). */
export function recipientOf(publicSignals: readonly (string | bigint)[]): string {
  const { recipient } = unpackRecipientAndTime(BigInt(publicSignals[SIGNAL_INDEX.recipientAndTime] ?? 0));
  return `0x${recipient.toString(16).padStart(40, '0')}`;
}
