// The wallet's side of issuance (docs/issuer.md): read an issuer's descriptor, start a session,
// prove possession of the holder secret over the issuer's challenge, sign in at the source (the
// caller does the source's part: a SIWE signature, a redirect, a form), preview, accept, and check
// every credential before it is stored. An issuer URL that answers nothing or garbage is
// ISSUER_UNAVAILABLE; nothing is written by these functions.
import { DecdpError, IssuerUnavailableError, isDecdpErrorCode, SignatureInvalidError } from '../errors/index.ts';
import { provePredicate } from '../proof/provePredicate.ts';
import {
  type IssuancePreview,
  type IssuedCredentials,
  type IssuerDescriptor,
  issuancePreviewSchema,
  issuedCredentialsSchema,
  issuerDescriptorSchema,
  type PossessionBody,
  type PossessionChallenge,
  possessionChallengeSchema,
  possessionChallengeValue,
  possessionPredicate,
  type SessionStarted,
  sessionStartedSchema,
} from '../protocol/issuance.ts';
import { parseWith } from '../protocol/parse.ts';
import { pseudonymOf } from '../protocol/publicSignals.ts';
import type { ProvingArtifacts } from '../zk/groth16.ts';
import { checkCredential } from './checkCredential.ts';
import { subjectCommitment } from './holderSecret.ts';

type Fetch = typeof fetch;

/** One call to the issuer: its typed error as is, anything else (no answer, not JSON, wrong shape) ISSUER_UNAVAILABLE. */
async function callIssuer<T>(params: {
  url: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  parse: (json: unknown) => T;
  fetch?: Fetch;
}): Promise<T> {
  const doFetch = params.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(params.url, {
      method: params.method ?? 'GET',
      headers: params.body === undefined ? {} : { 'content-type': 'application/json' },
      ...(params.body === undefined ? {} : { body: JSON.stringify(params.body) }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (cause) {
    throw new IssuerUnavailableError(`The issuer at ${params.url} does not answer.`, {
      field: 'issuerUrl',
      cause,
      hint: 'Check the address, or try again later.',
    });
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (cause) {
    throw new IssuerUnavailableError(`The issuer at ${params.url} answered something that is not JSON.`, {
      field: 'issuerUrl',
      cause,
    });
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: unknown; message?: unknown; field?: unknown; hint?: unknown } })?.error;
    if (isDecdpErrorCode(error?.code) && typeof error.message === 'string') {
      throw new DecdpError(error.code, error.message, {
        ...(typeof error.field === 'string' ? { field: error.field } : {}),
        ...(typeof error.hint === 'string' ? { hint: error.hint } : {}),
      });
    }
    throw new IssuerUnavailableError(`The issuer at ${params.url} answered ${response.status} without an error.`, {
      field: 'issuerUrl',
    });
  }
  try {
    return params.parse(json);
  } catch (cause) {
    throw new IssuerUnavailableError(`The issuer at ${params.url} does not speak the DeCDP issuance protocol.`, {
      field: 'issuerUrl',
      cause,
      details: cause instanceof DecdpError && cause.field ? [`At ${cause.field}`] : [],
    });
  }
}

function base(issuerUrl: string): string {
  return issuerUrl.endsWith('/') ? issuerUrl : `${issuerUrl}/`;
}

/**
 * GET /issuer: the issuer's name and sources.
 * @since 0.2.0
 */
export async function fetchIssuer(params: { issuerUrl: string; fetch?: Fetch }): Promise<IssuerDescriptor> {
  let url: string;
  try {
    url = new URL('issuer', base(params.issuerUrl)).href;
  } catch (cause) {
    throw new IssuerUnavailableError(`"${params.issuerUrl}" is not an address.`, { field: 'issuerUrl', cause });
  }
  return callIssuer({ url, parse: (json) => parseWith(issuerDescriptorSchema, json, 'issuer'), fetch: params.fetch });
}

/** A possession challenge of one issuer, for this wallet's commitment. */
export type IssuancePossession = PossessionChallenge & { issuerUrl: string; holderCommitment: bigint };

export type IssuanceSession = SessionStarted & {
  issuerUrl: string;
  holderCommitment: bigint;
  possession: IssuancePossession;
};

/**
 * POST /possessions: a one-time challenge for this wallet's commitment, to prove (provePossession)
 * before or while one session uses it — a wallet may ask and prove ahead, while the person reads.
 * @since 0.2.0
 */
export async function requestPossession(params: {
  issuerUrl: string;
  holderSecret: bigint;
  fetch?: Fetch;
}): Promise<IssuancePossession> {
  const holderCommitment = await subjectCommitment(params.holderSecret);
  const challenge = await callIssuer({
    url: `${base(params.issuerUrl)}possessions`,
    method: 'POST',
    body: { subjectCommitment: holderCommitment.toString() },
    parse: (json) => parseWith(possessionChallengeSchema, json, 'possession'),
    fetch: params.fetch,
  });
  if (challenge.challenge.credentialSubject.commitment !== holderCommitment.toString()) {
    throw new IssuerUnavailableError('The issuer’s challenge is for another subject commitment.', {
      field: 'possession.challenge',
    });
  }
  return { ...challenge, issuerUrl: base(params.issuerUrl), holderCommitment };
}

/**
 * POST /sessions for one source, with a possession challenge (one is asked for when none is
 * given) and, to renew without signing in again, the renewal grant an earlier issuance gave.
 * @since 0.2.0
 */
export async function startIssuance(params: {
  issuerUrl: string;
  source: string;
  holderSecret: bigint;
  possession?: IssuancePossession;
  renewalGrant?: string;
  returnUrl?: string;
  fetch?: Fetch;
}): Promise<IssuanceSession> {
  const possession =
    params.possession ??
    (await requestPossession({
      issuerUrl: params.issuerUrl,
      holderSecret: params.holderSecret,
      ...(params.fetch ? { fetch: params.fetch } : {}),
    }));
  const started = await callIssuer({
    url: `${base(params.issuerUrl)}sessions`,
    method: 'POST',
    body: {
      source: params.source,
      possessionId: possession.possessionId,
      ...(params.returnUrl ? { returnUrl: params.returnUrl } : {}),
      ...(params.renewalGrant ? { renewal: params.renewalGrant } : {}),
    },
    parse: (json) => parseWith(sessionStartedSchema, json, 'session'),
    fetch: params.fetch,
  });
  return { ...started, issuerUrl: base(params.issuerUrl), holderCommitment: possession.holderCommitment, possession };
}

/**
 * Proves, over the challenge, that this wallet holds the secret; POSTs the proof to the issuer.
 * @since 0.2.0
 */
export async function provePossession(params: {
  possession: IssuancePossession;
  holderSecret: bigint;
  artifacts: ProvingArtifacts;
  now?: number;
  fetch?: Fetch;
}): Promise<void> {
  const { possession, holderSecret } = params;
  const sessionNonce = BigInt(possession.context.requestHash);
  const predicate = await possessionPredicate(
    await possessionChallengeValue({ subjectCommitment: possession.holderCommitment, sessionNonce }),
  );
  const context = {
    now: params.now ?? Math.floor(Date.now() / 1000),
    merchantScope: BigInt(possession.context.merchantScope),
    nullifierScope: BigInt(possession.context.nullifierScope),
    recipient: 0n,
    requestHash: sessionNonce,
  };
  const proved = await provePredicate({
    credential: possession.challenge,
    holderSecret,
    predicate,
    context,
    artifacts: params.artifacts,
    field: 'possession',
  });
  const body: PossessionBody = {
    pseudonym: (await pseudonymOf({ holderSecret, merchantScope: context.merchantScope })).toString(),
    proof: proved.proof,
    publicSignals: proved.publicSignals,
  };
  await callIssuer({
    url: `${params.possession.issuerUrl}possessions/${params.possession.possessionId}`,
    method: 'POST',
    body,
    parse: (json) => json,
    fetch: params.fetch,
  });
}

/**
 * POST /sessions/:id/authentication with what the source asked for (a SIWE message + signature, a form).
 * @since 0.2.0
 */
export async function authenticateAtSource(params: {
  session: IssuanceSession;
  body: unknown;
  fetch?: Fetch;
}): Promise<void> {
  await callIssuer({
    url: `${params.session.issuerUrl}sessions/${params.session.sessionId}/authentication`,
    method: 'POST',
    body: params.body,
    parse: (json) => json,
    fetch: params.fetch,
  });
}

/**
 * GET /sessions/:id/preview: exactly what would be issued.
 * @since 0.2.0
 */
export function previewIssuance(params: { session: IssuanceSession; fetch?: Fetch }): Promise<IssuancePreview> {
  return callIssuer({
    url: `${params.session.issuerUrl}sessions/${params.session.sessionId}/preview`,
    parse: (json) => parseWith(issuancePreviewSchema, json, 'preview'),
    fetch: params.fetch,
  });
}

/**
 * POST /sessions/:id/accept, then checks that every credential is signed, for this wallet, by the
 * issuer of the preview, and says exactly what the preview said; nothing else is returned.
 * @since 0.2.0
 */
export async function acceptIssuance(params: {
  session: IssuanceSession;
  preview: IssuancePreview;
  fetch?: Fetch;
}): Promise<IssuedCredentials> {
  const { session, preview } = params;
  const issued = await callIssuer({
    url: `${session.issuerUrl}sessions/${session.sessionId}/accept`,
    method: 'POST',
    body: {},
    parse: (json) => parseWith(issuedCredentialsSchema, json, 'issued'),
    fetch: params.fetch,
  });
  const credentials = [];
  for (const [index, input] of issued.credentials.entries()) {
    const credential = await checkCredential({ input, subjectCommitment: session.holderCommitment });
    const promised = preview.attributes[index];
    if (
      credential.issuer.keyHash !== preview.issuer.keyHash ||
      !promised ||
      promised.attribute !== credential.credentialSubject.attribute ||
      promised.value !== credential.credentialSubject.value ||
      credential.decdp.expiresAt !== preview.expiresAt
    ) {
      throw new SignatureInvalidError('The issuer sent something other than the preview promised.', {
        field: `issued.credentials[${index}]`,
      });
    }
    credentials.push(credential);
  }
  if (credentials.length !== preview.attributes.length) {
    throw new SignatureInvalidError('The issuer sent fewer credentials than the preview promised.', {
      field: 'issued.credentials',
    });
  }
  return { credentials, provenance: issued.provenance };
}
