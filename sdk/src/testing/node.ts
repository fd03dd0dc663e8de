/** @decdp/sdk/testing/node: Node-only test tools (see ./index.ts). */
export { makeTestCircuitInput, makeTestProofs, TEST_RECIPIENT, type TestProof } from './makeTestProofs.ts';
export { findPostgresBin, type LocalPostgres, startLocalPostgres } from './startLocalPostgres.ts';
export { type MerchantProcess, startMerchantProcess } from './startMerchantProcess.ts';
