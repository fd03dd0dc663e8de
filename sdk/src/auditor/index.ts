/** @decdp/sdk/auditor: re-verify answers (one, or every one a store keeps), check circuit keys and the deployed key, reconcile payouts, scan merchant stores. */
export * from './checkCircuitKeys.ts';
export * from './checkDeployedKey.ts';
export * from './findings.ts';
export * from './findRecordsUnderRevokedKeys.ts';
export * from './reconcilePayouts.ts';
export * from './reverifyAnswer.ts';
export * from './reverifyStore.ts';
export * from './scanMerchantStore.ts';
