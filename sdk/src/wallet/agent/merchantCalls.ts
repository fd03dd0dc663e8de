// The merchant service as the agent calls it: the answer endpoint named in the signed request
// (`<requestEndpoint>/<id>/answers`) and the claims endpoint beside it. A refusal (4xx) is final
// and keeps the merchant's code; an outage (network, 5xx) is ServiceUnreachableError, retried.
import { DecdpError, type DecdpErrorOptions, isDecdpErrorCode, ServiceUnreachableError } from '../../errors/index.ts';
import type { ProofBundle } from '../../protocol/proofBundle.ts';
import type { SignedRequest } from '../../protocol/request.ts';
import type { RecordedAnswer } from '../buildConsentReceipt.ts';

/** The merchant refused (4xx): its own code, message and field. Not retried. */
export class MerchantRefusedError extends DecdpError {
  override name = 'MerchantRefusedError';
  readonly status: number;
  constructor(code: string, message: string, options: DecdpErrorOptions & { status: number }) {
    // A code this SDK does not know (another version's merchant) is kept in the message, not lost.
    super(
      isDecdpErrorCode(code) ? code : 'INTERNAL',
      isDecdpErrorCode(code) ? message : `${code}: ${message}`,
      options,
    );
    this.status = options.status;
  }
}

export type MerchantAnswer = RecordedAnswer & { duplicate: boolean; rewardError?: { code: string; message: string } };

async function post<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (cause) {
    throw new ServiceUnreachableError(`The merchant service at ${url} could not be reached.`, { cause });
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {}
  if (response.status >= 500 || response.status === 429) {
    throw new ServiceUnreachableError(`The merchant service at ${url} answered ${response.status}.`);
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    throw new MerchantRefusedError(error?.code ?? `HTTP_${response.status}`, error?.message ?? text.slice(0, 200), {
      status: response.status,
      ...(error?.field ? { field: error.field } : {}),
    });
  }
  return parsed as T;
}

export function postAnswer(params: {
  signedRequest: SignedRequest;
  bundle: ProofBundle;
  idempotencyKey: string;
}): Promise<MerchantAnswer> {
  const { request } = params.signedRequest;
  const url = `${request.merchant.requestEndpoint.replace(/\/$/, '')}/${encodeURIComponent(request.id)}/answers`;
  return post<MerchantAnswer>(url, params.bundle, { 'idempotency-key': params.idempotencyKey });
}

/** POST /claims beside the request endpoint: a fresh claim proof the merchant relays. */
export function postClaim(params: {
  signedRequest: SignedRequest;
  claim: { campaignId: string; proof: unknown; publicSignals: readonly string[] };
}): Promise<{ txHash: string; blockNumber: number }> {
  const url = new URL('claims', params.signedRequest.request.merchant.requestEndpoint).href;
  return post(url, params.claim);
}
