// Mask-targeted requests (docs/masks.md § Requests to a mask's members): a merchant signs a
// request to everyone who wears a mask; a member answers with a Semaphore proof of membership
// whose scope is the merchant's and the request's, and whose message binds the answer to the
// request and, when the request pays, to the member's per-merchant reward address. The merchant
// learns "a member of this mask answered" and the recipient it pays — never which member, and no
// two requests' answers can be matched (the nullifier is per member per request).
import type { Group } from '@semaphore-protocol/group';
import { generateProof } from '@semaphore-protocol/proof';
import {
  Contract,
  getAddress,
  getBytes,
  keccak256,
  type Provider,
  type Signer,
  toUtf8Bytes,
  verifyMessage,
  ZeroAddress,
} from 'ethers';
import { z } from 'zod';
import {
  InvalidInputError,
  NullifierReusedError,
  ProofInvalidError,
  ProofMismatchError,
  RequestExpiredError,
  SignatureInvalidError,
} from '../../errors/index.ts';
import { canonicalJson } from '../../protocol/canonicalJson.ts';
import { parseWith } from '../../protocol/parse.ts';
import { hashToField } from '../../zk/field.ts';
import { Semaphore } from '../chain/maskContracts.generated.ts';
import { callMaskRegistry, readMaskGroupOnChain, readMaskOnChain, registryAt } from '../chain/maskRegistry.ts';
import type { MaskArtifacts } from '../contributeToMask.ts';
import { MaskGroupTooSmallError, MaskNotMemberError } from '../errors.ts';
import { maskIdentity } from '../maskIdentity.ts';
import { MASK_TREE_DEPTH, maskIdSchema, semaphoreProofSchema } from '../schema.ts';

const addressSchema = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be an address (0x + 40 hex digits)');
const unixSeconds = z.number().int().nonnegative();

export const maskRequestSchema = z
  .object({
    version: z.literal(1),
    type: z.literal('decdp.mask-request'),
    id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, _ or -'),
    maskId: maskIdSchema,
    merchant: z.object({ name: z.string().min(1).max(100), address: addressSchema }).strict(),
    /** What the merchant asks, in the words the wallet shows. */
    purpose: z.string().min(1).max(500),
    /** Present: answers bind the member's per-merchant reward address, which the merchant pays. */
    reward: z
      .object({
        token: addressSchema,
        amount: z.string().regex(/^[1-9][0-9]{0,77}$/, 'must be a positive integer in the token’s smallest unit'),
      })
      .strict()
      .optional(),
    /**
     * The merchant's offer service (its public `GET /offers`, docs/offers.md): signed with the
     * request, so a member who answered may ask that shop — and only that shop — for its offer to the
     * mask's wearers. Absent: the wallet asks no shop.
     */
    offers: z
      .string()
      .max(300)
      .regex(/^https?:\/\/[^\s]+\/$/u, 'must be an http(s) URL ending in /')
      .optional(),
    issuedAt: unixSeconds,
    expiresAt: unixSeconds,
  })
  .strict();

export type MaskRequest = z.output<typeof maskRequestSchema>;

export const signedMaskRequestSchema = z
  .object({ request: maskRequestSchema, signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/) })
  .strict();

export type SignedMaskRequest = z.output<typeof signedMaskRequestSchema>;

export const maskAnswerSchema = z
  .object({
    version: z.literal(1),
    type: z.literal('decdp.mask-answer'),
    requestId: maskRequestSchema.shape.id,
    maskId: maskIdSchema,
    /** The member's reward address for this merchant when the request pays; null otherwise. */
    recipient: addressSchema.nullable(),
    proof: semaphoreProofSchema,
  })
  .strict();

export type MaskAnswer = z.output<typeof maskAnswerSchema>;

/** keccak256("decdp:mask-request:v1:" + RFC 8785 JSON of the request): what the merchant signs (EIP-191). */
export function maskRequestDigest(request: MaskRequest): string {
  return keccak256(toUtf8Bytes(`decdp:mask-request:v1:${canonicalJson(request)}`));
}

/**
 * Semaphore scope of a request: keccak256("decdp:mask-request-scope:v1:<merchant address>:<request id>") >> 8.
 * The merchant's and the request's: one answer per member per request, unlinkable across requests.
 */
export function maskRequestScope(request: Pick<MaskRequest, 'id' | 'merchant'>): bigint {
  const merchant = getAddress(request.merchant.address).toLowerCase();
  return hashToField(keccak256(toUtf8Bytes(`decdp:mask-request-scope:v1:${merchant}:${request.id}`)));
}

/** Semaphore message of an answer: keccak256("decdp:mask-answer:v1:<request id>:<recipient or 0x0…0>") >> 8. */
export function maskAnswerMessage(params: { requestId: string; recipient: string | null }): bigint {
  const recipient = getAddress(params.recipient ?? ZeroAddress).toLowerCase();
  return hashToField(keccak256(toUtf8Bytes(`decdp:mask-answer:v1:${params.requestId}:${recipient}`)));
}

/**
 * The merchant signs a request to a mask's members.
 *
 * @example
 * const signed = await createMaskRequest({ signer, merchantName: 'Demo Bike Shop', maskId: 'new-cyclist', purpose: 'Would you test-ride our city bike?' });
 */
export async function createMaskRequest(params: {
  signer: Signer;
  merchantName: string;
  maskId: string;
  purpose: string;
  reward?: { token: string; amount: bigint | string };
  /** The merchant's offer service (base URL ending in /): the wallet shows its offer for the mask. */
  offers?: string;
  nowSeconds?: number;
  /** Default 7 days. */
  ttlSeconds?: number;
}): Promise<SignedMaskRequest> {
  const issuedAt = params.nowSeconds ?? Math.floor(Date.now() / 1000);
  const id = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(12)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  const request = parseWith(
    maskRequestSchema,
    {
      version: 1,
      type: 'decdp.mask-request',
      id,
      maskId: params.maskId,
      merchant: { name: params.merchantName, address: await params.signer.getAddress() },
      purpose: params.purpose,
      ...(params.reward
        ? { reward: { token: getAddress(params.reward.token), amount: params.reward.amount.toString() } }
        : {}),
      ...(params.offers ? { offers: params.offers } : {}),
      issuedAt,
      expiresAt: issuedAt + (params.ttlSeconds ?? 7 * 86_400),
    },
    'request',
  );
  const signature = await params.signer.signMessage(getBytes(maskRequestDigest(request)));
  return { request, signature };
}

/** Parses a signed mask request and checks the merchant's signature (SIGNATURE_INVALID otherwise). */
export function verifyMaskRequest(input: unknown): SignedMaskRequest {
  const signed = parseWith(signedMaskRequestSchema, input, 'signedRequest');
  let signer: string;
  try {
    signer = verifyMessage(getBytes(maskRequestDigest(signed.request)), signed.signature);
  } catch (cause) {
    throw new SignatureInvalidError('The mask request’s signature cannot be read.', { field: 'signature', cause });
  }
  if (getAddress(signer) !== getAddress(signed.request.merchant.address)) {
    throw new SignatureInvalidError('The mask request is not signed by the merchant it names.', {
      field: 'signature',
    });
  }
  return signed;
}

/**
 * The wallet's answer: a Semaphore proof that a member of the request's mask answers this request
 * (scope) with this recipient (message). `recipient` is the member's reward address for this
 * merchant when the request pays (rewardAddressFor), and must be absent otherwise.
 *
 * @example
 * const answer = await answerMaskRequest({ provider, registry, signedRequest, holderSecret, recipient, artifacts, nowSeconds });
 */
export async function answerMaskRequest(params: {
  provider: Provider;
  registry: string;
  signedRequest: SignedMaskRequest;
  holderSecret: bigint;
  recipient?: string | null;
  artifacts: MaskArtifacts;
  nowSeconds: number;
}): Promise<MaskAnswer> {
  const { request } = verifyMaskRequest(params.signedRequest);
  if (request.expiresAt <= params.nowSeconds) {
    throw new RequestExpiredError(`The request ${request.id} expired.`);
  }
  const recipient = request.reward ? getAddress(params.recipient ?? ZeroAddress) : null;
  if (recipient === ZeroAddress) {
    throw new InvalidInputError('This request pays: answer with your reward address for this merchant.', {
      field: 'recipient',
    });
  }
  const proof = await proveMembershipOnChain({
    ...params,
    maskId: request.maskId,
    scope: maskRequestScope(request),
    message: maskAnswerMessage({ requestId: request.id, recipient }),
  });
  return { version: 1, type: 'decdp.mask-answer', requestId: request.id, maskId: request.maskId, recipient, proof };
}

function assertBigEnough(mask: { id: string; members: number; k: number }): void {
  if (mask.members < mask.k) {
    throw new MaskGroupTooSmallError(
      `Mask ${mask.id} has ${mask.members} members; an answer needs at least ${mask.k} to hide among.`,
      { hint: 'Wait until more people wear the mask.' },
    );
  }
}

/** A checked answer: the merchant pays `recipient` (when the request pays) and keeps `nullifier` to count it once. */
export type VerifiedMaskAnswer = { requestId: string; maskId: string; recipient: string | null; nullifier: string };

/**
 * The merchant's (or anyone's) check of an answer, in order: schema (INVALID_INPUT); request and
 * mask (PROOF_MISMATCH, answer.requestId / answer.maskId); recipient present exactly when the request
 * pays (INVALID_INPUT, answer.recipient); scope, message and depth (PROOF_MISMATCH, answer.proof.*);
 * the request not expired (REQUEST_EXPIRED); the mask at least k members (MASK_GROUP_TOO_SMALL);
 * the nullifier unseen (NULLIFIER_REUSED); then Semaphore's own verifyProof on-chain: the root is
 * the group's and fresh (MASK_ROOT_STALE), the Groth16 proof holds (PROOF_INVALID).
 */
export async function verifyMaskAnswer(params: {
  provider: Provider | Signer;
  registry: string;
  signedRequest: SignedMaskRequest;
  answer: unknown;
  nowSeconds: number;
  /** Nullifiers of answers already counted for this request. */
  seenNullifiers?: ReadonlySet<string>;
}): Promise<VerifiedMaskAnswer> {
  const { request } = params.signedRequest;
  const answer = parseWith(maskAnswerSchema, params.answer, 'answer');
  if (answer.requestId !== request.id) {
    throw new ProofMismatchError(`The answer is for request ${answer.requestId}, not ${request.id}.`, {
      field: 'answer.requestId',
    });
  }
  if (answer.maskId !== request.maskId) {
    throw new ProofMismatchError(`The answer is for mask ${answer.maskId}, not ${request.maskId}.`, {
      field: 'answer.maskId',
    });
  }
  if (Boolean(request.reward) !== (answer.recipient !== null && answer.recipient !== ZeroAddress)) {
    throw new InvalidInputError(
      request.reward
        ? 'This request pays: the answer must name a recipient.'
        : 'This request pays nothing: no recipient.',
      { field: 'answer.recipient' },
    );
  }
  const mismatch = (field: string, message: string) =>
    new ProofMismatchError(message, { field: `answer.proof.${field}` });
  if (BigInt(answer.proof.scope) !== maskRequestScope(request)) {
    throw mismatch('scope', 'The proof is for another merchant, request or mask.');
  }
  if (BigInt(answer.proof.message) !== maskAnswerMessage({ requestId: request.id, recipient: answer.recipient })) {
    throw mismatch('message', 'The proof binds another request or recipient.');
  }
  if (answer.proof.merkleTreeDepth !== MASK_TREE_DEPTH) throw mismatch('merkleTreeDepth', 'Wrong tree depth.');
  if (request.expiresAt <= params.nowSeconds) throw new RequestExpiredError(`The request ${request.id} expired.`);
  if (params.seenNullifiers?.has(answer.proof.nullifier)) {
    throw new NullifierReusedError('This member already answered this request.', {
      field: 'answer.proof.nullifier',
    });
  }
  await verifyMembershipOnChain({ ...params, maskId: request.maskId, proof: answer.proof });
  return {
    requestId: request.id,
    maskId: request.maskId,
    recipient: answer.recipient,
    nullifier: answer.proof.nullifier,
  };
}

/**
 * Semaphore's own check of a membership proof, on-chain (a view call): the mask has at least k
 * members (MASK_GROUP_TOO_SMALL), the proof's root is the group's and fresh (MASK_ROOT_STALE), the
 * Groth16 proof holds (PROOF_INVALID). Scope and message are the caller's to check first.
 */
export async function verifyMembershipOnChain(params: {
  provider: Provider | Signer;
  registry: string;
  maskId: string;
  proof: MaskAnswer['proof'];
  /** The field a PROOF_INVALID names (default answer.proof). */
  field?: string;
}): Promise<void> {
  const mask = await readMaskOnChain({ provider: params.provider, registry: params.registry, maskId: params.maskId });
  assertBigEnough(mask);
  const registry = registryAt(params.registry, params.provider);
  // Its reverts (root unknown or expired) are parsed by maskChainError, whose interface has Semaphore's errors.
  const semaphore = new Contract(
    (await registry.getFunction('semaphore')()) as string,
    Semaphore.abi as never,
    params.provider,
  );
  const valid = await callMaskRegistry('Checking the membership proof', () =>
    semaphore.getFunction('verifyProof')(mask.groupId, params.proof),
  );
  if (!valid) {
    throw new ProofInvalidError('The membership proof does not verify.', { field: params.field ?? 'answer.proof' });
  }
}

/** Makes a Semaphore membership proof for `scope` and `message` with the wallet's identity for the mask. */
export async function proveMembershipOnChain(params: {
  provider: Provider;
  registry: string;
  maskId: string;
  holderSecret: bigint;
  scope: bigint;
  message: bigint;
  artifacts: MaskArtifacts;
}): Promise<MaskAnswer['proof']> {
  const mask = await readMaskOnChain({ provider: params.provider, registry: params.registry, maskId: params.maskId });
  const group = await readMaskGroupOnChain(params);
  const identity = maskIdentity(params);
  const index = group.indexOf(identity.commitment);
  if (index < 0) throw new MaskNotMemberError(`This wallet does not wear the mask ${params.maskId}.`);
  assertBigEnough(mask);
  const proof = await generateProof(
    identity,
    (group as Group).generateMerkleProof(index),
    params.message,
    params.scope,
    MASK_TREE_DEPTH,
    params.artifacts as { wasm: string; zkey: string },
  );
  return {
    merkleTreeDepth: proof.merkleTreeDepth,
    merkleTreeRoot: String(proof.merkleTreeRoot),
    nullifier: String(proof.nullifier),
    message: String(proof.message),
    scope: String(proof.scope),
    points: proof.points.map(String) as MaskAnswer['proof']['points'],
  };
}
