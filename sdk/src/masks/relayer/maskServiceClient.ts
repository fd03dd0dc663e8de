// The wallet's and the merchant's side of the mask service (createMaskService): one function per
// route. Browser-safe. A refusal comes back as a DecdpError with the service's code and field.
import { getBytes, type Provider, type Signer } from 'ethers';
import { DecdpError, isDecdpErrorCode, ServiceUnreachableError } from '../../errors/index.ts';
import { maskLeaveKey, prepareMaskLeave } from '../chain/maskRegistry.ts';
import { maskIdentity } from '../maskIdentity.ts';
import type { MaskProfile } from '../maskProfile.ts';
import type { MaskAnswer, SignedMaskRequest } from '../requests/maskRequest.ts';
import type { MaskAdmission, MaskContribution } from '../schema.ts';
import { maskAnswersReadMessage } from './maskAnswersRead.ts';

type MaskServiceCall = { service: string; fetch?: typeof fetch };

async function callMaskService<T>(
  params: MaskServiceCall & { path: string; body?: unknown; headers?: Record<string, string> },
): Promise<T> {
  const url = new URL(params.path, params.service).toString();
  const method = params.body === undefined ? 'GET' : 'POST';
  let response: Response;
  try {
    response = await (params.fetch ?? globalThis.fetch)(url, {
      method,
      headers: { ...(params.body === undefined ? {} : { 'content-type': 'application/json' }), ...params.headers },
      ...(params.body === undefined ? {} : { body: JSON.stringify(params.body) }),
    });
  } catch (cause) {
    throw new ServiceUnreachableError(`The mask service at ${params.service} cannot be reached.`, { cause });
  }
  const answer = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (answer as { error?: { code?: string; message?: string; field?: string; hint?: string } } | null)
      ?.error;
    throw new DecdpError(
      isDecdpErrorCode(error?.code) ? error.code : 'HTTP',
      error?.message ?? `The mask service answered ${response.status}.`,
      {
        ...(error?.field ? { field: error.field } : {}),
        ...(error?.hint ? { hint: error.hint } : {}),
        details: [`${method} ${url} → ${response.status}`],
      },
    );
  }
  return answer as T;
}

/**
 * Joins a mask through the relayer: sends only the mask identity's commitment and leave key (and,
 * for a mask with admission, the admission proofs). The relayer's account pays.
 *
 * @example
 * await relayMaskJoin({ service, maskId: 'new-cyclist', holderSecret });
 */
export function relayMaskJoin(
  params: MaskServiceCall & { maskId: string; holderSecret: bigint; admission?: MaskAdmission },
): Promise<{ txHash: string; identityCommitment: string; admitted: boolean }> {
  const identityCommitment = maskIdentity(params).commitment.toString();
  return callMaskService({
    ...params,
    path: `masks/${encodeURIComponent(params.maskId)}/members`,
    body: {
      identityCommitment,
      leaveKey: maskLeaveKey(params),
      ...(params.admission ? { admission: params.admission } : {}),
    },
  });
}

/** Sends a contribution (prepareContribution / contributeToMask) through the relayer. */
export function relayMaskContribution(
  params: MaskServiceCall & { contribution: MaskContribution },
): Promise<{ txHash: string; epoch: number }> {
  return callMaskService({
    ...params,
    path: `masks/${encodeURIComponent(params.contribution.maskId)}/contributions`,
    body: params.contribution,
  });
}

/** Leaves a mask through the relayer (the group's Merkle siblings are read from the chain here). */
export async function relayMaskLeave(
  params: MaskServiceCall & { provider: Provider; registry: string; maskId: string; holderSecret: bigint },
): Promise<{ txHash: string }> {
  const body = await prepareMaskLeave(params);
  return callMaskService({ ...params, path: `masks/${encodeURIComponent(params.maskId)}/leaves`, body });
}

/**
 * A closed epoch's aggregate profile from the registry, through the mask service: refused for an
 * open epoch (MASK_EPOCH_OPEN) and below k members or contributors (MASK_PROFILE_BELOW_K).
 */
export function readMaskProfile(params: MaskServiceCall & { maskId: string; epoch: number }): Promise<MaskProfile> {
  return callMaskService({
    ...params,
    path: `masks/${encodeURIComponent(params.maskId)}/profile?epoch=${encodeURIComponent(String(params.epoch))}`,
  });
}

/** The merchant posts a signed request to a mask's members. */
export function postMaskRequest(
  params: MaskServiceCall & { signedRequest: SignedMaskRequest },
): Promise<{ id: string }> {
  return callMaskService({ ...params, path: 'mask-requests', body: params.signedRequest });
}

/** The open requests to a mask's members (the wallet checks each one's signature before showing it). */
export function listMaskRequests(params: MaskServiceCall & { maskId: string }): Promise<SignedMaskRequest[]> {
  return callMaskService({ ...params, path: `masks/${encodeURIComponent(params.maskId)}/requests` });
}

/** The wallet sends its answer (answerMaskRequest). */
export function sendMaskAnswer(params: MaskServiceCall & { answer: MaskAnswer }): Promise<{ accepted: true }> {
  return callMaskService({
    ...params,
    path: `mask-requests/${encodeURIComponent(params.answer.requestId)}/answers`,
    body: params.answer,
  });
}

/**
 * The merchant reads its request's answers, signing the read with the request's key. The service
 * is not trusted: check each answer with verifyMaskAnswer before counting or paying it.
 */
export async function readMaskAnswers(
  params: MaskServiceCall & { signer: Signer; requestId: string; nowSeconds?: number },
): Promise<unknown[]> {
  const timestamp = params.nowSeconds ?? Math.floor(Date.now() / 1000);
  const signature = await params.signer.signMessage(
    getBytes(maskAnswersReadMessage({ requestId: params.requestId, timestamp })),
  );
  return callMaskService({
    ...params,
    path: `mask-requests/${encodeURIComponent(params.requestId)}/answers`,
    headers: { 'x-decdp-timestamp': String(timestamp), 'x-decdp-signature': signature },
  });
}
