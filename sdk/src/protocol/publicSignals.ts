// The credential circuit's public signals, in snarkjs order: outputs first, then the public
// inputs in declaration order. Solidity reads the same indices (contracts/src/SignalIndex.sol).
export const PUBLIC_SIGNALS = [
  'issuerKeyHash',
  'setHash',
  'pseudonym',
  'nullifier',
  'attributeId',
  'operator',
  'operandA',
  'operandB',
  'now',
  'merchantScope',
  'nullifierScope',
  'recipient',
  'requestHash',
] as const;

export type PublicSignalName = (typeof PUBLIC_SIGNALS)[number];
export type PublicSignals = Record<PublicSignalName, bigint>;

export const SIGNAL_INDEX = Object.fromEntries(PUBLIC_SIGNALS.map((name, index) => [name, index])) as Record<
  PublicSignalName,
  number
>;

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
