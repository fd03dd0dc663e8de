// The public values a mask proof is bound to. Scope = the mask and the epoch, so one identity has
// one nullifier per mask per epoch (it counts once, and epochs cannot be linked by nullifier).
// Message = the signal, so nobody can attach another signal to a member's proof.
import { keccak256, toUtf8Bytes } from 'ethers';
import { canonicalJson } from '../protocol/canonicalJson.ts';
import { hashToField } from '../zk/field.ts';
import type { MaskDefinition, MaskSignal } from './schema.ts';

/** The epoch `nowSeconds` falls in: floor(unix seconds / epochSeconds). */
export function maskEpoch(params: { mask: MaskDefinition; nowSeconds: number }): number {
  return Math.floor(params.nowSeconds / params.mask.epochSeconds);
}

/** Unix seconds [start, end) of an epoch. */
export function maskEpochWindow(params: { mask: MaskDefinition; epoch: number }): { start: number; end: number } {
  const start = params.epoch * params.mask.epochSeconds;
  return { start, end: start + params.mask.epochSeconds };
}

/** Semaphore scope of a mask epoch: keccak256("decdp:mask-scope:v1:<maskId>:<epoch>") >> 8. */
export function maskScope(params: { maskId: string; epoch: number }): bigint {
  return hashToField(keccak256(toUtf8Bytes(`decdp:mask-scope:v1:${params.maskId}:${params.epoch}`)));
}

/** The signal with its labels sorted: the same set of labels hashes the same in any order. */
export function normalizeSignal(signal: MaskSignal): MaskSignal {
  return { interests: [...signal.interests].sort(), actions: [...signal.actions].sort() };
}

/** Semaphore message of a signal: keccak256("decdp:mask-signal:v1:" + RFC 8785 JSON) >> 8. */
export function maskMessage(signal: MaskSignal): bigint {
  return hashToField(keccak256(toUtf8Bytes(`decdp:mask-signal:v1:${canonicalJson(normalizeSignal(signal))}`)));
}

/**
 * The credential proofs' scope for admission to a mask: keccak256("decdp:mask-admission:v1:<maskId>") >> 8,
 * both their nullifierScope (one admission per holder secret per mask) and their merchantScope (so the
 * "pseudonym" equals the nullifier and the admission needs to name nothing else).
 */
export function maskAdmissionScope(params: { maskId: string }): bigint {
  return hashToField(keccak256(toUtf8Bytes(`decdp:mask-admission:v1:${params.maskId}`)));
}

/**
 * The admission proofs' "request hash": keccak256("decdp:mask-admission-request:v1:" + RFC 8785 JSON
 * of { maskId, identityCommitment }) >> 8, so a proof admits this identity to this mask only.
 */
export function maskAdmissionHash(params: { maskId: string; identityCommitment: string }): bigint {
  const bound = { maskId: params.maskId, identityCommitment: params.identityCommitment };
  return hashToField(keccak256(toUtf8Bytes(`decdp:mask-admission-request:v1:${canonicalJson(bound)}`)));
}
