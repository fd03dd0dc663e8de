// The mask service's board of mask-targeted requests survives a restart (migration 10): a merchant
// posts a request, a member answers, the service stops and a new one starts on the same store
// (a SQLite file, and a real PostgreSQL where one is installed); the request is still listed, the
// merchant still reads the answer, and the member's second answer is still refused as a reuse of
// its nullifier. Real chain (anvil, Semaphore v4, MaskRegistry), real Semaphore proofs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployContracts } from '@decdp/sdk/chain';
import {
  answerMaskRequest,
  createMaskOnChain,
  createMaskRequest,
  deployMaskContracts,
  joinMaskOnChain,
  listMaskRequests,
  type MaskArtifacts,
  postMaskRequest,
  readMaskAnswers,
  sendMaskAnswer,
} from '@decdp/sdk/masks';
import { createMaskService, loadMaskArtifacts } from '@decdp/sdk/masks/node';
import { type MerchantStore, openStore, serveHttp } from '@decdp/sdk/merchant/node';
import { findPostgresBin, type LocalPostgres, startLocalPostgres } from '@decdp/sdk/testing/node';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { JsonRpcProvider, NonceManager, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Anvil, startAnvil } from '../../scripts/system/startAnvil.ts';

const CREATOR_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const RELAYER_KEY = '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba';
const MERCHANT_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const MASK_ID = 'board-riders';
const K = 5;
const member = 515151n;

let anvil: Anvil;
let provider: JsonRpcProvider;
let registry: string;
let artifacts: MaskArtifacts;
let dir: string;
let postgres: LocalPostgres | undefined;

beforeAll(async () => {
  anvil = await startAnvil();
  provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { pollingInterval: 100 });
  const creator = new NonceManager(new Wallet(CREATOR_KEY, provider));
  const core = await deployContracts({ signer: creator, allowInsecureDevelopmentKey: true });
  registry = (await deployMaskContracts({ signer: creator, issuerRegistry: core.registry })).registry;
  await createMaskOnChain({
    signer: creator,
    registry,
    mask: { id: MASK_ID, name: 'Board riders', description: 'test', k: K },
  });
  for (let seat = 1; seat < K; seat++) {
    await joinMaskOnChain({ signer: creator, registry, maskId: MASK_ID, holderSecret: 6_000n + BigInt(seat) });
  }
  await joinMaskOnChain({ signer: creator, registry, maskId: MASK_ID, holderSecret: member });
  artifacts = await loadMaskArtifacts();
  dir = await mkdtemp(join(tmpdir(), 'decdp-mask-board-'));
  if (findPostgresBin()) postgres = await startLocalPostgres();
}, 240_000);

afterAll(async () => {
  await postgres?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  provider?.destroy();
  await anvil?.stop();
  await releaseProverThreads();
});

/** A mask service on the store at `db`; stop() closes the server and the store, as a restart would. */
async function startBoard(db: string) {
  const store: MerchantStore = await openStore({ db });
  const served = await serveHttp({
    app: createMaskService({
      store,
      signer: new NonceManager(new Wallet(RELAYER_KEY, provider)),
      registry,
      allowedOrigins: ['http://localhost'],
    }),
  });
  return {
    url: served.url,
    stop: async () => {
      await served.close();
      await store.close();
    },
  };
}

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string; field?: string }) => (error.field ? `${error.code} ${error.field}` : error.code),
  );

async function restartKeepsTheBoard(db: () => string) {
  const merchant = new Wallet(MERCHANT_KEY);
  const first = await startBoard(db());
  const signedRequest = await createMaskRequest({
    signer: merchant,
    merchantName: 'Board Bikes',
    maskId: MASK_ID,
    purpose: 'Would you test-ride our city bike?',
  });
  await postMaskRequest({ service: first.url, signedRequest });
  const answer = await answerMaskRequest({
    provider,
    registry,
    signedRequest,
    holderSecret: member,
    artifacts,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  await sendMaskAnswer({ service: first.url, answer });
  await first.stop();

  const second = await startBoard(db());
  try {
    const listed = await listMaskRequests({ service: second.url, maskId: MASK_ID });
    expect(listed.map((signed) => signed.request.id)).toContain(signedRequest.request.id);
    expect(listed.find((signed) => signed.request.id === signedRequest.request.id)).toEqual(signedRequest);
    const read = await readMaskAnswers({ service: second.url, signer: merchant, requestId: signedRequest.request.id });
    expect(read).toEqual([answer]);
    // The member answered before the restart: the same nullifier is still refused after it.
    expect(await codeOf(sendMaskAnswer({ service: second.url, answer }))).toBe(
      'NULLIFIER_REUSED answer.proof.nullifier',
    );
  } finally {
    await second.stop();
  }
}

describe('the mask request board across a restart', () => {
  it('keeps requests, answers and spent nullifiers in a SQLite file', async () => {
    await restartKeepsTheBoard(() => join(dir, 'masks.sqlite'));
  }, 120_000);

  it('refuses, in the database itself, a row that is not a board row (no attribute value fits)', async () => {
    const file = join(dir, 'shape.sqlite');
    await (await openStore({ db: file })).close();
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(file);
    try {
      const answer = (nullifier: string, json: string) =>
        db
          .prepare('INSERT INTO mask_answers (request_id, nullifier, answer, created_at) VALUES (?, ?, ?, 1)')
          .run('request-0001', nullifier, json);
      expect(() => answer('NL', '{}')).toThrow(/CHECK constraint/u);
      expect(() => answer('1', 'age=34')).toThrow(/CHECK constraint/u);
      const request = (maskId: string) =>
        db
          .prepare('INSERT INTO mask_requests (id, mask_id, signed, expires_at) VALUES (?, ?, ?, 1)')
          .run('request-0002', maskId, '{}');
      expect(() => request('Age 34')).toThrow(/CHECK constraint/u);
      answer('1', '{}');
      request('new-cyclist');
    } finally {
      db.close();
    }
  });

  it.skipIf(!findPostgresBin())(
    'keeps them in PostgreSQL',
    async () => {
      await restartKeepsTheBoard(() => (postgres as LocalPostgres).url);
    },
    120_000,
  );
});
