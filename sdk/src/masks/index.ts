/**
 * @decdp/sdk/masks: masks as anonymous membership in shared persona groups (Semaphore v4).
 * Browser-safe; the Node artifact loader is in @decdp/sdk/masks/node. docs/masks.md.
 */

export { maskDefinitionOfChainMask } from './chain/chainMaskDefinition.ts';
export { MaskRegistry, Semaphore } from './chain/maskContracts.generated.ts';
// Masks on-chain: Semaphore v4 groups and the MaskRegistry (docs/masks.md § On-chain).
export {
  type ChainMask,
  type CreateMaskOnChainParams,
  contributeOnChain,
  createMaskOnChain,
  DEFAULT_CHAIN_MASK_K,
  deployMaskContracts,
  joinMaskOnChain,
  joinMaskWithAdmissionOnChain,
  joinWithAdmissionArgs,
  leaveMaskOnChain,
  listMasksOnChain,
  type MaskDeployment,
  maskChainError,
  maskLeaveKey,
  prepareContribution,
  prepareMaskLeave,
  readMaskGroupOnChain,
  readMaskOnChain,
  readMaskProfileOnChain,
} from './chain/maskRegistry.ts';
export { type ContributeToMaskParams, contributeToMask, type MaskArtifacts } from './contributeToMask.ts';
export { type CreateMaskParams, createMask, createMaskLedger } from './createMask.ts';
export * from './errors.ts';
export { addMaskMember, joinMask, maskMembershipUrl, newMaskMembership } from './joinMask.ts';
export { MASK_ARTIFACT_SHA256 } from './maskArtifactChecksums.ts';
export { maskIdentity } from './maskIdentity.ts';
export { type MaskProfile, type MaskProfileCount, maskProfile } from './maskProfile.ts';
export {
  maskAdmissionHash,
  maskAdmissionScope,
  maskEpoch,
  maskEpochWindow,
  maskMessage,
  maskScope,
  normalizeSignal,
} from './maskScope.ts';
export { type ProveMaskAdmissionParams, proveMaskAdmission } from './proveMaskAdmission.ts';
// The relayer (not a trusted party) and the board of mask-targeted requests: docs/masks.md.
export {
  createMaskRelayer,
  type MaskRelayer,
  type MaskRelayerOptions,
} from './relayer/createMaskRelayer.ts';
export { maskAnswersReadMessage } from './relayer/maskAnswersRead.ts';
export {
  listMaskRequests,
  postMaskRequest,
  readMaskAnswers,
  readMaskProfile,
  relayMaskContribution,
  relayMaskJoin,
  relayMaskLeave,
  sendMaskAnswer,
} from './relayer/maskServiceClient.ts';
export { relayedJoinSchema, relayedLeaveSchema } from './relayer/relayerBodies.ts';
export {
  answerMaskRequest,
  createMaskRequest,
  type MaskAnswer,
  type MaskRequest,
  maskAnswerMessage,
  maskAnswerSchema,
  maskRequestDigest,
  maskRequestSchema,
  maskRequestScope,
  type SignedMaskRequest,
  signedMaskRequestSchema,
  type VerifiedMaskAnswer,
  verifyMaskAnswer,
  verifyMaskRequest,
  verifyMembershipOnChain,
} from './requests/maskRequest.ts';
export {
  type MaskWearing,
  maskWearingMessage,
  maskWearingSchema,
  maskWearingScope,
  proveMaskWearing,
  verifyMaskWearing,
} from './requests/maskWearing.ts';
export * from './schema.ts';
export {
  recordContribution,
  type VerifiedContribution,
  type VerifyContributionParams,
  verifyContribution,
} from './verifyContribution.ts';
export {
  admitMaskMember,
  type VerifiedMaskAdmission,
  type VerifyMaskAdmissionParams,
  verifyMaskAdmission,
} from './verifyMaskAdmission.ts';
