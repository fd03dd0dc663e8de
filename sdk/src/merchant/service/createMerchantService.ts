// The merchant's HTTP service: issue requests, take answers, keep light records, relay rewards.

import { isDeepStrictEqual } from 'node:util';
import type { Signer } from 'ethers';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { z } from 'zod';
import {
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../../errors/index.ts';
import { parseWith } from '../../protocol/parse.ts';
import type { ProofBundle } from '../../protocol/proofBundle.ts';
import { parseProofBundle } from '../../protocol/proofBundle.ts';
import { type AttributeRequest, predicateSchema, type RequestPredicate } from '../../protocol/request.ts';
import type { VerificationKey } from '../../zk/groth16.ts';
import { createRequest } from '../createRequest.ts';
import type { MerchantStore } from '../store/merchantStore.ts';
import { verifyProofBundle } from '../verifyProofBundle.ts';
import { errorBody, httpStatusOf } from './httpStatus.ts';

export type RewardCampaign = NonNullable<AttributeRequest['reward']>;

export type MerchantServiceOptions = {
  signer: Signer;
  name: string;
  /** Where wallets send answers; the service's own public base URL ending in '/'. */
  publicUrl: string;
  store: MerchantStore;
  verificationKey: VerificationKey;
  trustedIssuers: readonly bigint[];
  /**
   * The campaign that pays rewards, if any: its on-chain predicate (every rewarded request
   * includes it) and how to relay that predicate's proof as a claim; returns the tx hash.
   */
  rewards?: {
    campaign: RewardCampaign;
    predicate: RequestPredicate;
    relayClaim: (params: { proof: ProofBundle['proofs'][number]; campaign: RewardCampaign }) => Promise<string>;
  };
  /** Pages allowed to call the service from a browser. */
  allowedOrigins: readonly string[];
  /** Largest accepted body; default 64 KiB (a 8-proof bundle is ~12 KiB). */
  maxBodyBytes?: number;
  now?: () => number;
};

const createRequestBody = z
  .object({
    predicates: z.array(predicateSchema).min(1).max(8),
    purpose: z.object({ code: z.string().min(1).max(40), text: z.string().min(1).max(500) }).strict(),
    retentionDays: z.number().int().min(1).max(3650),
    reward: z.boolean().optional(),
    ttlSeconds: z
      .number()
      .int()
      .min(60)
      .max(90 * 86_400)
      .optional(),
  })
  .strict();

export function createMerchantService(options: MerchantServiceOptions): Hono {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const app = new Hono();
  app.use('*', cors({ origin: [...options.allowedOrigins], allowMethods: ['GET', 'POST'] }));
  app.use(
    '*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 64 * 1024,
      onError: () => {
        throw new PayloadTooLargeError('The request body is too large.');
      },
    }),
  );
  app.onError((error, c) => c.json(errorBody(error), httpStatusOf(error) as 400));

  async function readJson(c: { req: { header(name: string): string | undefined; text(): Promise<string> } }) {
    const type = c.req.header('content-type') ?? '';
    if (!type.startsWith('application/json')) {
      throw new UnsupportedMediaTypeError('Send JSON with Content-Type: application/json.');
    }
    const text = await c.req.text();
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new InvalidInputError('The body is not valid JSON.', { field: 'body', cause });
    }
  }

  app.get('/health', (c) => c.json({ ok: true }));

  app.get('/config', async (c) =>
    c.json({
      merchant: { name: options.name, address: await options.signer.getAddress() },
      trustedIssuers: options.trustedIssuers.map(String),
      campaign: options.rewards?.campaign ?? null,
    }),
  );

  app.post('/requests', async (c) => {
    const body = parseWith(createRequestBody, await readJson(c), 'body');
    if (body.reward && !options.rewards) {
      throw new InvalidInputError('This merchant has no reward campaign.', { field: 'body.reward' });
    }
    const rewarded = body.reward ? options.rewards : undefined;
    const campaignPredicate = rewarded?.predicate;
    const predicates =
      campaignPredicate && !body.predicates.some((predicate) => isDeepStrictEqual(predicate, campaignPredicate))
        ? [campaignPredicate, ...body.predicates]
        : body.predicates;
    const signed = await createRequest({
      signer: options.signer,
      merchant: { name: options.name, requestEndpoint: `${options.publicUrl}requests` },
      predicates,
      purpose: body.purpose,
      retentionDays: body.retentionDays,
      ...(rewarded ? { reward: rewarded.campaign } : {}),
      ...(body.ttlSeconds ? { ttlSeconds: body.ttlSeconds } : {}),
      now: now(),
    });
    await options.store.saveRequest(signed);
    return c.json(signed, 201);
  });

  app.get('/requests', async (c) => c.json(await options.store.listOpenRequests({ now: now() })));

  app.get('/requests/:id', async (c) => {
    const signed = await options.store.getRequest(c.req.param('id'));
    if (!signed) throw new NotFoundError(`No request ${c.req.param('id')}.`, { field: 'id' });
    return c.json(signed);
  });

  app.post('/requests/:id/answers', async (c) => {
    const signedRequest = await options.store.getRequest(c.req.param('id'));
    if (!signedRequest) throw new NotFoundError(`No request ${c.req.param('id')}.`, { field: 'id' });
    const bundle = parseProofBundle(await readJson(c));
    const verified = await verifyProofBundle({
      signedRequest,
      bundle,
      verificationKey: options.verificationKey,
      trustedIssuers: options.trustedIssuers,
      now: now(),
    });
    const { record, duplicate } = await options.store.save({
      pseudonym: verified.pseudonym,
      requestId: verified.requestId,
      predicates: verified.predicates,
      proofHash: verified.proofHash,
      issuerKeyHashes: verified.issuerKeyHashes,
      nullifier: verified.nullifier,
      nullifierScope: verified.nullifierScope,
      createdAt: verified.verifiedAt,
      expiresAt: verified.verifiedAt + signedRequest.request.retentionDays * 86_400,
      consentReceipt: null,
    });
    let reward: { txHash: string; amount: string } | null = null;
    const campaign = signedRequest.request.reward;
    const rewards = options.rewards;
    if (campaign && rewards) {
      const index = signedRequest.request.predicates.findIndex((predicate) =>
        isDeepStrictEqual(predicate, rewards.predicate),
      );
      const proof = bundle.proofs.find((entry) => entry.predicateIndex === index);
      if (!proof)
        throw new InvalidInputError('The answer has no proof for the campaign predicate.', { field: 'bundle.proofs' });
      // A duplicate answer whose relay failed before is relayed again; the chain refuses a second payout.
      const txHash = record.rewardTx ?? (await rewards.relayClaim({ proof, campaign }));
      if (!record.rewardTx) await options.store.setRewardTx({ id: record.id, txHash });
      record.rewardTx = txHash;
      reward = { txHash, amount: campaign.amount };
    }
    return c.json({ record, duplicate, reward }, duplicate ? 200 : 201);
  });

  app.get('/records', async (c) => c.json(await options.store.list({ limit: 200 })));

  return app;
}
