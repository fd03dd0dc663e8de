/** @decdp/sdk/zk: Poseidon, EdDSA over Baby Jubjub, Groth16 via snarkjs, fast and batched verification. */
export * from './eddsa.ts';
export * from './field.ts';
export * from './groth16.ts';
export * from './poseidon.ts';
export * from './prepareVerifier.ts';
export * from './verifyBatch.ts';
