/** @decdp/sdk/wallet: the holder's side: secret, credentials, proofs. */

export { buildPredicateWitness, type PredicateContext } from '../proof/buildPredicateWitness.ts';
export { pickCredential } from '../proof/pickCredential.ts';
export { type ProvedPredicate, provePredicate } from '../proof/provePredicate.ts';
// The revocation shapes both sides share live in protocol; the wallet's callers find them here too.
export type {
  DeletionConfirmation,
  RevocationBody,
  RevocationMessage,
  SignedDeletionConfirmation,
} from '../protocol/revocation.ts';
export { verifyDeletionConfirmation } from '../protocol/revocation.ts';
// The wallet agent's browser-safe parts (the page sets it up, pauses and removes it); the agent itself is @decdp/sdk/wallet/agent.
export * from './agent/agentControl.ts';
export { type AgentSetup, agentSetupSchema, createAgentSetup, parseAgentSetup } from './agent/agentSetup.ts';
export { buildConsentReceipt, type RecordedAnswer } from './buildConsentReceipt.ts';
export { checkCredential } from './checkCredential.ts';
export { checkRequestReward, type RewardOutlook, readRewardOutlook } from './checkRequestReward.ts';
export { CONNECT_WARNING, connectMerchant, previewMerchant, type ShopPreview } from './connectMerchant.ts';
export { declareAttribute, SELF_DECLARED_PRIVATE_KEY, selfDeclaredIssuer } from './declareAttribute.ts';
export { buildDenialReceipt, type DenialReceipt, parseDenialReceipt } from './denialReceipt.ts';
export {
  disclosesExactValue,
  disclosureOf,
  type ExplainedRequest,
  explainRequest,
  type RequestWarning,
  type RequestWarningCode,
} from './explainRequest.ts';
export { createHolderSecret, subjectCommitment } from './holderSecret.ts';
export { offerOptOutsUrl, readOfferOptOuts, setOfferOptOut } from './offerOptOuts.ts';
export {
  type CampaignClaim,
  type ProveCampaignClaimParameters,
  proveCampaignClaim,
} from './proveCampaignClaim.ts';
export { type ProveRequestParameters, proveRequest } from './proveRequest.ts';
export {
  INBOX_LIMITS,
  type InboxDiscard,
  type InboxDiscardReason,
  type InboxRequest,
  readInbox,
  readInboxDocument,
} from './readInbox.ts';
export {
  createRecoveryPhrase,
  holderSecretFromPhrase,
  REWARD_ACCOUNT_PATH,
  type WalletKeys,
  walletKeysFromPhrase,
} from './recoveryPhrase.ts';
export { type RenewalOutcome, renewCredentials, type StoredCredential } from './renewCredentials.ts';
export {
  acceptIssuance,
  authenticateAtSource,
  fetchIssuer,
  type IssuancePossession,
  type IssuanceSession,
  previewIssuance,
  provePossession,
  requestPossession,
  startIssuance,
} from './requestCredential.ts';
export {
  type BuildRevocationParameters,
  buildRevocation,
  revocationEndpointOf,
  revokeConsent,
} from './revokeConsent.ts';
export {
  answerRecipient,
  type RewardKeySource,
  rewardAccountFor,
  rewardAddressFor,
} from './rewardAccount.ts';
export {
  mergeRewardAccounts,
  type RewardAccount,
  readRewardAccounts,
  rememberRewardAccounts,
  rewardAccountsUrl,
} from './rewardAccounts.ts';
export {
  assertPassphrase,
  DEFAULT_SCRYPT_COST,
  fromBase64,
  holderSecretLabel,
  MIN_PASSPHRASE_LENGTH,
  openHolderSecret,
  openHolderSecretWithPasskey,
  openSealedText,
  openSealedTextWithPasskey,
  parseSealedSecret,
  type ScryptCost,
  type SealedSecret,
  sealedSecretSchema,
  sealHolderSecret,
  sealHolderSecretWithPasskey,
  sealText,
  sealTextWithPasskey,
  toBase64,
} from './secretVault.ts';
export { siweMessageFor } from './signInWithEthereum.ts';
export {
  decideByPolicies,
  type PolicyDecision,
  parseStandingPolicy,
  policyFromRequest,
  type StandingPolicy,
  standingPolicySchema,
} from './standingPolicy.ts';
export { credentialsDueForRenewal, describeProvenance, storeIssuedCredentials } from './storeIssuedCredentials.ts';
export { readWalletBackup, saveWalletBackup, walletBackupUrl } from './walletBackup.ts';
export {
  assertKeysMatch,
  parseWalletDocument,
  type WalletDocument,
  walletDocumentFor,
  walletDocumentSchema,
} from './walletDocument.ts';
export { type InboxWatch, watchInbox } from './watchInbox.ts';
