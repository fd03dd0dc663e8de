// circom_runtime (a dependency of snarkjs) ships no types; this declares what DeCDP uses.
declare module 'circom_runtime' {
  export type WitnessCalculator = {
    calculateWTNSBin(input: Record<string, unknown>, sanityCheck?: boolean): Promise<Uint8Array>;
    /** Every signal: index 0 is the constant 1, then the outputs (the public signals), then the rest. */
    calculateWitness(input: Record<string, unknown>, sanityCheck?: boolean): Promise<bigint[]>;
  };
  /** `code` may also be an instance the caller built (circuits/constraintCheck.ts supplies its own imports). */
  export function WitnessCalculatorBuilder(
    code: Uint8Array | WebAssembly.Instance,
    options?: { sanityCheck?: boolean },
  ): Promise<WitnessCalculator>;
}
