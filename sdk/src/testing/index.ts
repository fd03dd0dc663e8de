/**
 * @decdp/sdk/testing: the demo world and the tools tests and benches share; never for a product
 * path (the demo keys are public). Browser-safe: the demo issuer, holder and merchant, the ways to
 * break a proof. Node: `@decdp/sdk/testing/node` (real test proofs, the merchant CLI as a process,
 * a throwaway PostgreSQL); the store contract every MerchantStore passes is
 * `@decdp/sdk/testing/storeContract` (it runs vitest cases).
 */
export {
  BOOKSHOP_PRIVATE_KEY,
  CONSUMER_PRIVATE_KEY,
  DEMO_PERSON,
  DEMO_RECIPIENT,
  DEMO_RECOVERY_PHRASE,
  DEMO_REWARD,
  demoMerchantCli,
  demoRequest,
  ISSUER_PRIVATE_KEY,
  MERCHANT_PRIVATE_KEY,
  makeHolder,
  merchantSigner,
} from './demo.ts';
export { DAY_SECONDS, DEMO_KEY_SCHEDULE } from './demoCollaboration.ts';
export { outcomeOf, settledOutcomeOf } from './outcomeOf.ts';
export { type DemoHolder, proveAsHolder } from './proveAsHolder.ts';
export { nonSubgroupG2, type Tampered, tamperProof } from './tamperProof.ts';
