// snarkjs and circomlibjs ship no types; these declare the parts DeCDP uses.
declare module 'snarkjs' {
  export type Groth16Proof = import('../zk/groth16.ts').Groth16Proof;
  type Logger = {
    debug: (m: string) => void;
    info: (m: string) => void;
    warn: (m: string) => void;
    error: (m: string) => void;
  };
  /** Applies a random beacon to a ceremony file (powers of tau or a zkey): the last contribution. */
  type Beacon = (
    oldFile: string,
    newFile: string,
    name: string,
    beaconHash: string,
    iterationsExp: number,
    logger?: Logger,
  ) => Promise<unknown>;
  type FileOrBytes = string | Uint8Array | { type: 'mem'; data: Uint8Array };
  export const groth16: {
    fullProve(
      input: Record<string, unknown>,
      wasm: FileOrBytes,
      zkey: FileOrBytes,
      logger?: Logger,
      wtnsCalcOptions?: Record<string, unknown>,
      proverOptions?: { singleThread?: boolean },
    ): Promise<{ proof: Groth16Proof; publicSignals: string[] }>;
    verify(vkey: unknown, publicSignals: readonly string[], proof: Groth16Proof, logger?: Logger): Promise<boolean>;
    exportSolidityCallData(proof: Groth16Proof, publicSignals: readonly string[]): Promise<string>;
  };
  export const wtns: {
    calculate(
      input: Record<string, unknown>,
      wasm: FileOrBytes,
      output: { type: 'mem'; data?: Uint8Array },
    ): Promise<void>;
  };
  export const r1cs: {
    info(
      file: string,
      logger?: Logger,
    ): Promise<{ nConstraints: number; nPubInputs: number; nOutputs: number; nVars: number }>;
  };
  export const curves: { getCurveFromName(name: string): Promise<{ terminate(): Promise<void> }> };
  export const powersOfTau: {
    newAccumulator(curve: unknown, power: number, file: string, logger?: Logger): Promise<unknown>;
    beacon: Beacon;
    preparePhase2(oldFile: string, newFile: string, logger?: Logger): Promise<unknown>;
  };
  export const zKey: {
    newZKey(r1cs: string, ptau: string, zkey: string, logger?: Logger): Promise<unknown>;
    beacon: Beacon;
    exportVerificationKey(zkey: string | Uint8Array, logger?: Logger): Promise<Record<string, unknown>>;
    exportSolidityVerifier(zkey: string, templates: { groth16: string }, logger?: Logger): Promise<string>;
    verifyFromR1cs(r1cs: string, ptau: string, zkey: string, logger?: Logger): Promise<boolean>;
  };
}

declare module 'circomlibjs' {
  export type FieldElement = Uint8Array;
  export type Field = {
    e(value: bigint | number | string): FieldElement;
    toObject(element: FieldElement): bigint;
  };
  export type Poseidon = ((inputs: readonly (bigint | FieldElement)[]) => FieldElement) & { F: Field };
  export function buildPoseidon(): Promise<Poseidon>;
  export type Eddsa = {
    F: Field;
    prv2pub(privateKey: Uint8Array): [FieldElement, FieldElement];
    signPoseidon(privateKey: Uint8Array, message: FieldElement): { R8: [FieldElement, FieldElement]; S: bigint };
    verifyPoseidon(
      message: FieldElement,
      signature: { R8: [FieldElement, FieldElement]; S: bigint },
      publicKey: [FieldElement, FieldElement],
    ): boolean;
  };
  export function buildEddsa(): Promise<Eddsa>;
}
