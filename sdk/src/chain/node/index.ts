/** @decdp/sdk/chain/node: Node-only chain helpers (deployment files on disk). */
export { readDeployment, writeDeployment } from './deploymentFile.ts';
