// The merchant's mask desk through its operator routes (docs/masks.md § Requests to a mask's
// members), against real servers: anvil with Semaphore v4 and the mask registry, the mask service's
// board, the merchant service on a SQLite file and on a real PostgreSQL. The merchant asks a mask's
// members with a reward; members answer on the board with real Semaphore proofs; the desk counts
// only the answers it verifies itself (a forged one planted on the board is not counted), pays each
// bound recipient exactly once by ERC-20 transfer, never re-sends a payout whose outcome is unknown,
// and keeps its counts across the request's expiry, the board's purge and a restart. Then the same
// from a shell: `decdp-merchant masks … --json` as a child process.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployContracts, mintRewardToken, readTokenBalance } from '@decdp/sdk/chain';
import {
  answerMaskRequest,
  createMaskOnChain,
  deployMaskContracts,
  joinMaskOnChain,
  listMaskRequests,
  type MaskAnswer,
  type MaskArtifacts,
  sendMaskAnswer,
} from '@decdp/sdk/masks';
import { createMaskDesk, createMaskService, loadMaskArtifacts } from '@decdp/sdk/masks/node';
import {
  createMerchantService,
  createOperatorToken,
  type MerchantStore,
  openStore,
  serveHttp,
} from '@decdp/sdk/merchant/node';
import type { MaskPayoutResult, MaskRequestView, MaskView } from '@decdp/sdk/protocol';
import { findPostgresBin, type LocalPostgres, startLocalPostgres } from '@decdp/sdk/testing/node';
import { rewardAddressFor } from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { type CredentialArtifacts, loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { JsonRpcProvider, NonceManager, parseUnits, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Anvil, startAnvil } from '../../scripts/system/startAnvil.ts';
import { runMerchantCli } from './merchantCliProcess.ts';

const CREATOR_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const RELAYER_KEY = '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba';
const MERCHANT_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const MASK_ID = 'desk-riders';
const SMALL_MASK_ID = 'desk-few';
const K = 5;
const merchantAddress = new Wallet(MERCHANT_KEY).address;

let anvil: Anvil;
let provider: JsonRpcProvider;
let registry: string;
let token: string;
let maskArtifacts: MaskArtifacts;
let credentialArtifacts: CredentialArtifacts;
let dir: string;
let postgres: LocalPostgres | undefined;
let board: { url: string; store: MerchantStore; stop(): Promise<void> };
/** Seconds added to the merchant's clock (moved past a request's expiry). */
let clockOffset = 0;
const now = () => Math.floor(Date.now() / 1000) + clockOffset;
let nextMember = 1;
/** A member of the mask who has not answered anything yet (each run gets fresh ones). */
const members: bigint[] = [];

beforeAll(async () => {
  anvil = await startAnvil();
  provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { pollingInterval: 100 });
  const creator = new NonceManager(new Wallet(CREATOR_KEY, provider));
  const core = await deployContracts({ signer: creator, allowInsecureDevelopmentKey: true });
  token = core.token;
  registry = (await deployMaskContracts({ signer: creator, issuerRegistry: core.registry })).registry;
  await createMaskOnChain({
    signer: creator,
    registry,
    mask: { id: MASK_ID, name: 'Desk riders', description: 'Riders the shop asks', k: K },
  });
  await createMaskOnChain({
    signer: creator,
    registry,
    mask: { id: SMALL_MASK_ID, name: 'Few riders', description: 'Too few to ask', k: K },
  });
  // Members enough for three runs of two answers each, plus the CLI's one.
  for (let seat = 0; seat < 8; seat++) {
    const holderSecret = 71_000n + BigInt(seat);
    await joinMaskOnChain({ signer: creator, registry, maskId: MASK_ID, holderSecret });
    members.push(holderSecret);
  }
  await joinMaskOnChain({ signer: creator, registry, maskId: SMALL_MASK_ID, holderSecret: 72_000n });
  await mintRewardToken({ signer: creator, token, to: merchantAddress, amount: parseUnits('100') });
  [maskArtifacts, credentialArtifacts] = await Promise.all([loadMaskArtifacts(), loadNodeArtifacts()]);
  dir = await mkdtemp(join(tmpdir(), 'decdp-mask-desk-'));
  if (findPostgresBin()) postgres = await startLocalPostgres();
  const boardStore = await openStore({ db: join(dir, 'board.sqlite') });
  const served = await serveHttp({
    app: createMaskService({
      store: boardStore,
      signer: new NonceManager(new Wallet(RELAYER_KEY, provider)),
      registry,
      allowedOrigins: ['http://localhost'],
      rateLimit: { max: 1000 },
    }),
  });
  board = {
    url: served.url,
    store: boardStore,
    stop: async () => {
      await served.close();
      await boardStore.close();
    },
  };
}, 300_000);

afterAll(async () => {
  await board?.stop();
  await postgres?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  provider?.destroy();
  await anvil?.stop();
  await releaseProverThreads();
});

type Tokens = { all: string; requestsOnly: string };

/** The merchant service with its mask desk on the store at `db`; stop() closes it as a restart would. */
async function startMerchant(db: string, tokens?: Tokens) {
  const store = await openStore({ db });
  const made: Tokens = tokens ?? {
    all: (await createOperatorToken({ store, name: 'test' })).token,
    requestsOnly: (await createOperatorToken({ store, name: 'asker', scopes: ['requests:write'] })).token,
  };
  const signer = new NonceManager(new Wallet(MERCHANT_KEY, provider));
  const served = await serveHttp({
    app: createMerchantService({
      signer,
      name: 'Desk Bikes',
      publicUrl: 'http://localhost/',
      store,
      verificationKey: credentialArtifacts.verificationKey,
      trustedIssuers: [],
      allowedOrigins: [],
      rateLimit: false,
      now,
      masks: createMaskDesk({
        store,
        signer,
        provider,
        merchantName: 'Desk Bikes',
        registry,
        service: board.url,
        rewardToken: token,
        now,
      }),
    }),
  });
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown, bearer: string | null = made.all) => {
    const response = await fetch(new URL(path, served.url), {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    url: served.url,
    store,
    tokens: made,
    call,
    stop: async () => {
      await served.close();
      await store.close();
    },
  };
}

const errorOf = (body: Record<string, unknown>) => {
  const error = body.error as { code: string; field?: string };
  return error.field ? `${error.code} ${error.field}` : error.code;
};

/** A member answers the request from the board, as the wallet does: reward address for this merchant bound in. */
async function answerAsMember(requestId: string): Promise<{ answer: MaskAnswer; recipient: string }> {
  const holderSecret = members[nextMember++] as bigint;
  const signedRequest = (await listMaskRequests({ service: board.url, maskId: MASK_ID })).find(
    (signed) => signed.request.id === requestId,
  );
  if (!signedRequest) throw new Error(`request ${requestId} is not on the board`);
  const recipient = rewardAddressFor({ holderSecret, merchantAddress });
  const answer = await answerMaskRequest({
    provider,
    registry,
    signedRequest,
    holderSecret,
    recipient,
    artifacts: maskArtifacts,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  await sendMaskAnswer({ service: board.url, answer });
  return { answer, recipient };
}

const balanceOf = (owner: string) => readTokenBalance({ runner: provider, token, owner });

async function requestView(merchant: Awaited<ReturnType<typeof startMerchant>>, id: string) {
  const listed = await merchant.call('GET', 'operator/mask-requests');
  expect(listed.status).toBe(200);
  return (listed.body.requests as MaskRequestView[]).find((request) => request.id === id);
}

async function askPayAndRestart(db: () => string) {
  clockOffset = 0;
  let merchant = await startMerchant(db());
  try {
    // The masks the registry has: size, k, whether a request can be sent, the profile rule in words.
    const listed = await merchant.call('GET', 'operator/masks');
    expect(listed.status).toBe(200);
    const masks = listed.body.masks as MaskView[];
    expect(masks.find((mask) => mask.maskId === MASK_ID)).toMatchObject({
      name: 'Desk riders',
      members: 8,
      k: K,
      canAsk: true,
      profile: null,
      profileNote: expect.stringContaining(`Shown once ${K} members have contributed in a closed week`),
    });
    expect(masks.find((mask) => mask.maskId === SMALL_MASK_ID)).toMatchObject({ members: 1, canAsk: false });
    expect((await merchant.call('GET', 'operator/masks', undefined, null)).status).toBe(401);

    // Refused, nothing sent: an unknown mask, a mask under k, an amount that is not tokens, no token.
    const ask = (body: unknown, bearer?: string | null) =>
      merchant.call('POST', 'operator/mask-requests', body, bearer);
    const purpose = 'Would you test-ride our city bike this weekend?';
    const unknown = await ask({ maskId: 'no-such-mask', purpose });
    expect([unknown.status, errorOf(unknown.body)]).toEqual([404, 'NOT_FOUND maskId']);
    const small = await ask({ maskId: SMALL_MASK_ID, purpose });
    expect([small.status, errorOf(small.body)]).toEqual([422, 'MASK_GROUP_TOO_SMALL maskId']);
    const comma = await ask({ maskId: MASK_ID, purpose, reward: { amount: '1,5' } });
    expect([comma.status, errorOf(comma.body)]).toEqual([400, 'INVALID_INPUT reward.amount']);
    expect((await ask({ maskId: MASK_ID, purpose }, null)).status).toBe(401);
    expect((await merchant.call('GET', 'operator/mask-requests')).body.requests).toEqual([]);

    const asked = await ask({ maskId: MASK_ID, purpose, reward: { amount: '2.5' }, hours: 1 });
    expect(asked.status).toBe(201);
    const request = asked.body as unknown as MaskRequestView;
    expect(request).toMatchObject({
      maskId: MASK_ID,
      maskName: 'Desk riders',
      purpose,
      reward: { amount: '2.5', token, symbol: 'DCDP', decimals: 18 },
      status: 'open',
      answers: 0,
      paid: 0,
      unpaid: 0,
      uncertain: 0,
    });
    expect(request.expiresAt - request.issuedAt).toBe(3_600);
    const plain = (await ask({ maskId: MASK_ID, purpose: 'What do you ride to work?' })).body as MaskRequestView;
    expect(plain.reward).toBeNull();

    // One member answers; a forged answer (tampered proof, fresh nullifier) is planted on the board.
    const first = await answerAsMember(request.id);
    const forged = structuredClone(first.answer);
    forged.proof.nullifier = '123456789';
    forged.proof.points[0] = String(BigInt(forged.proof.points[0]) + 1n);
    await board.store.saveMaskAnswer({
      requestId: request.id,
      nullifier: forged.proof.nullifier,
      answer: JSON.stringify(forged),
      at: Math.floor(Date.now() / 1000),
    });
    expect(await requestView(merchant, request.id)).toMatchObject({ answers: 1, unpaid: 1, paid: 0, uncertain: 0 });

    // Paying spends tokens: campaigns:write. An unknown request, an unrewarded one: typed refusals.
    const pay = (id: string, bearer?: string | null) =>
      merchant.call('POST', `operator/mask-requests/${id}/payouts`, undefined, bearer);
    expect((await pay(request.id, null)).status).toBe(401);
    expect((await pay(request.id, merchant.tokens.requestsOnly)).status).toBe(403);
    const missing = await pay('no-such-request');
    expect([missing.status, errorOf(missing.body)]).toEqual([404, 'NOT_FOUND id']);
    const unrewarded = await pay(plain.id);
    expect([unrewarded.status, errorOf(unrewarded.body)]).toEqual([400, 'INVALID_INPUT reward']);

    const before = await balanceOf(first.recipient);
    const paid = await pay(request.id);
    expect(paid.status).toBe(200);
    const result = paid.body as unknown as MaskPayoutResult;
    expect(result.sent).toEqual([{ recipient: first.recipient, txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) }]);
    expect(result.request).toMatchObject({ answers: 1, paid: 1, unpaid: 0, uncertain: 0, paidTokens: '2.5' });
    const firstTx = result.sent[0]?.txHash as string;
    expect(result.request.payouts).toEqual([{ recipient: first.recipient, txHash: firstTx, amount: '2.5' }]);
    expect((await balanceOf(first.recipient)) - before).toBe(parseUnits('2.5'));
    // Paid once: a second payout run sends nothing.
    const again = await pay(request.id);
    expect([again.status, (again.body as unknown as MaskPayoutResult).sent]).toEqual([200, []]);
    expect(await balanceOf(first.recipient)).toBe(before + parseUnits('2.5'));

    // A second member answers; a payout row without a hash (a crash between sending and recording)
    // is "uncertain" and is never sent again.
    const second = await answerAsMember(request.id);
    expect(await requestView(merchant, request.id)).toMatchObject({ answers: 2, unpaid: 1, paid: 1 });
    expect(
      await merchant.store.startMaskPayout({
        requestId: request.id,
        nullifier: second.answer.proof.nullifier,
        recipient: second.recipient,
        token,
        amount: parseUnits('2.5').toString(),
        at: now(),
      }),
    ).toBe(true);
    expect(await requestView(merchant, request.id)).toMatchObject({ answers: 2, unpaid: 0, paid: 1, uncertain: 1 });
    expect((await pay(request.id)).body).toMatchObject({ sent: [] });
    expect(await balanceOf(second.recipient)).toBe(0n);

    // Past the request's expiry the board purges it and its answers; after a restart on the same
    // store the merchant still has its counts.
    await merchant.stop();
    clockOffset = 7_200;
    await board.store.purge({ now: now() });
    merchant = await startMerchant(db(), merchant.tokens);
    expect(await requestView(merchant, request.id)).toMatchObject({
      status: 'expired',
      answers: 2,
      paid: 1,
      unpaid: 0,
      uncertain: 1,
      paidTokens: '2.5',
    });
    // The transfers, too: the paid one with its hash, the uncertain one without.
    const kept = (await requestView(merchant, request.id))?.payouts;
    expect(kept).toHaveLength(2);
    expect(kept).toEqual(
      expect.arrayContaining([
        { recipient: first.recipient, txHash: firstTx, amount: '2.5' },
        { recipient: second.recipient, txHash: null, amount: '2.5' },
      ]),
    );
    expect((await pay(request.id)).body).toMatchObject({ sent: [] });
  } finally {
    await merchant.stop();
  }
}

describe('the merchant’s requests to a mask’s members', () => {
  it('asks, counts verified answers only, pays each recipient once, and keeps it all on a SQLite file', async () => {
    await askPayAndRestart(() => join(dir, 'merchant.sqlite'));
  }, 300_000);

  it.skipIf(!findPostgresBin())(
    'does the same on PostgreSQL',
    async () => {
      await askPayAndRestart(() => (postgres as LocalPostgres).url);
    },
    300_000,
  );
});

/** `decdp-merchant masks … --json` as the operator runs it (merchantCliProcess.ts). */
function masks(service: { url: string; tokens: Tokens }, ...args: string[]) {
  return runMerchantCli('masks', { url: service.url, operatorToken: service.tokens.all }, ...args);
}

describe('decdp-merchant masks', () => {
  it('lists masks, asks with a reward, shows the verified answer and pays it, in tokens', async () => {
    clockOffset = 0;
    const merchant = await startMerchant(join(dir, 'cli.sqlite'));
    try {
      const listed = await masks(merchant, 'list');
      expect(listed.status, listed.stderr).toBe(0);
      expect((listed.output as { masks: MaskView[] }).masks.map((mask) => [mask.maskId, mask.canAsk])).toEqual([
        [MASK_ID, true],
        [SMALL_MASK_ID, false],
      ]);
      const refused = await masks(merchant, 'ask', '--mask', MASK_ID, '--purpose', 'Ride?', '--reward', '1,5');
      expect(refused.status).toBe(1);
      expect(refused.output).toMatchObject({
        event: 'error',
        error: { code: 'INVALID_INPUT', field: 'reward.amount' },
      });
      const asked = await masks(merchant, 'ask', '--mask', MASK_ID, '--purpose', 'Ride our e-bike?', '--reward', '1.5');
      expect(asked.status, asked.stderr).toBe(0);
      const request = asked.output as MaskRequestView;
      expect(request).toMatchObject({ reward: { amount: '1.5', token }, status: 'open', answers: 0 });
      expect(request.expiresAt - request.issuedAt).toBe(24 * 3_600);

      const { recipient } = await answerAsMember(request.id);
      const requests = await masks(merchant, 'requests');
      expect((requests.output as { requests: MaskRequestView[] }).requests).toEqual([
        expect.objectContaining({ id: request.id, answers: 1, unpaid: 1, paid: 0 }),
      ]);
      const before = await balanceOf(recipient);
      const paid = await masks(merchant, 'pay', request.id);
      expect(paid.status, paid.stderr).toBe(0);
      expect(paid.output).toMatchObject({
        request: { paid: 1, unpaid: 0, paidTokens: '1.5' },
        sent: [{ recipient }],
      });
      expect((await balanceOf(recipient)) - before).toBe(parseUnits('1.5'));
      expect((await masks(merchant, 'pay', request.id)).output).toMatchObject({ sent: [] });
      // `requests --json` lists the payout with its transaction.
      const afterPay = (await masks(merchant, 'requests')).output as { requests: MaskRequestView[] };
      expect(afterPay.requests[0]?.payouts).toEqual([
        { recipient, txHash: (paid.output as MaskPayoutResult).sent[0]?.txHash, amount: '1.5' },
      ]);
    } finally {
      await merchant.stop();
    }
  }, 300_000);
});
