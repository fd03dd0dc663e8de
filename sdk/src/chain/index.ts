/** @decdp/sdk/chain: deploy, fund, claim (one or a batch), manage campaigns and issuers with ethers v6. */
export * from './campaigns.ts';
export * from './claims.ts';
export * from './contracts.generated.ts';
export { CHAIN_ERROR_CODES, decodeChainError } from './decodeChainError.ts';
export { type Deployment, deployContracts, parseDeployment } from './deployContracts.ts';
export { followIssuerRegistry, type IssuerRegistryFollower } from './followIssuerRegistry.ts';
export * from './issuers.ts';
export { mined } from './mined.ts';
export * from './tokens.ts';
export { type SolidityProof, toSolidityProof } from './toSolidityProof.ts';
export { type VerifierKeyConstant, verifierKeyConstants } from './verifierKeyConstants.ts';
