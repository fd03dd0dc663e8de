/** @decdp/sdk/chain: deploy, fund and claim with ethers v6. */
export * from './campaigns.ts';
export { decodeChainError } from './decodeChainError.ts';
export { type Deployment, deployContracts } from './deployContracts.ts';
export { type SolidityProof, toSolidityProof } from './toSolidityProof.ts';
