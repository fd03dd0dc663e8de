// The merchant service's HTTP API as the pages call it (docs/interfaces.md). Answers are parsed
// at this edge; error bodies become RemoteErrors with the service's code, message and hint.

import type { LightRecord } from '@decdp/sdk/merchant';
import { type ProofBundle, parseSignedRequest, type RequestPredicate, type SignedRequest } from '@decdp/sdk/protocol';
import { type ErrorInWords, RemoteError } from './errors.ts';

/** What GET /records returns: the light record, nothing else. */
export type { LightRecord };

export type AnswerResult = {
  record: LightRecord;
  duplicate: boolean;
  reward: { txHash: string; amount: string } | null;
  /** Set when the answer was recorded but relaying the reward claim failed: claim it later (POST /claims, claimReward.ts). */
  rewardError?: { code: string; message: string };
};

export type CreateRequestBody = {
  predicates: RequestPredicate[];
  purpose: { code: string; text: string };
  retentionDays: number;
  reward?: boolean;
  deliverTo?: string;
};

async function call<T>(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; operatorToken?: string } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, base), {
      method: init.method ?? 'GET',
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        // Admin routes (create requests, list them, records) are the operator's (docs/merchant.md).
        ...(init.operatorToken ? { authorization: `Bearer ${init.operatorToken}` } : {}),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new RemoteError({
      code: 'NETWORK',
      message: `The merchant service at ${base} could not be reached.`,
      hint: 'Check that it is running (`npm start` starts it) and allows this page (CORS), then reload.',
    });
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: reported below with the status.
  }
  if (!response.ok) {
    const error = (body as { error?: ErrorInWords } | null)?.error;
    throw new RemoteError(
      error && typeof error.message === 'string'
        ? error
        : { code: `HTTP_${response.status}`, message: `The merchant service answered ${response.status}.` },
      response.status,
    );
  }
  return body as T;
}

export function createMerchantRequest(
  base: string,
  body: CreateRequestBody,
  operatorToken: string,
): Promise<SignedRequest> {
  return call<unknown>(base, 'requests', { method: 'POST', body, operatorToken }).then(parseSignedRequest);
}

/**
 * Open requests (public when the merchant opts in to public offers, else with the operator's
 * token); one that does not parse is left out (and reported through `onInvalid`).
 */
export async function listMerchantRequests(
  base: string,
  onInvalid?: (error: unknown) => void,
  operatorToken?: string,
): Promise<SignedRequest[]> {
  const list = await call<unknown[]>(base, 'requests', operatorToken ? { operatorToken } : {});
  const out: SignedRequest[] = [];
  for (const item of Array.isArray(list) ? list : []) {
    try {
      out.push(parseSignedRequest(item));
    } catch (error) {
      onInvalid?.(error);
    }
  }
  return out;
}

export function answerRequest(base: string, requestId: string, bundle: ProofBundle): Promise<AnswerResult> {
  return call<AnswerResult>(base, `requests/${encodeURIComponent(requestId)}/answers`, {
    method: 'POST',
    body: bundle,
  });
}

/** What POST /claims answers: the mined claim (amount in the token's smallest unit). */
export type ClaimResult = { txHash: string; blockNumber: number; recipient: string; amount: string };

/** Asks the merchant to relay a fresh claim proof (it pays the gas); the chain's refusals come back as RemoteErrors. */
export function sendClaim(
  base: string,
  claim: { campaignId: string; proof: unknown; publicSignals: readonly string[] },
): Promise<ClaimResult> {
  return call<ClaimResult>(base, 'claims', { method: 'POST', body: claim });
}

export function listRecords(base: string, operatorToken: string): Promise<LightRecord[]> {
  return call<LightRecord[]>(base, 'records', { operatorToken });
}

export type MerchantInfo = {
  merchant: { name: string; address: string };
  trustedIssuers: string[];
  campaign: { amount?: string; token?: string; campaignId?: string } | null;
};

export function getMerchantInfo(base: string): Promise<MerchantInfo> {
  return call<MerchantInfo>(base, 'config');
}

/** The one HTTP edge above, for screens with their own routes (campaigns/campaignCalls.ts). */
export { call as callMerchantService };
