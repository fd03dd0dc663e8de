/** @decdp/sdk/auditor: re-verify answers, check circuit keys, reconcile payouts, scan merchant stores. */
export * from './checkCircuitKeys.ts';
export * from './findings.ts';
export * from './reconcilePayouts.ts';
export * from './reverifyAnswer.ts';
export * from './scanMerchantStore.ts';
