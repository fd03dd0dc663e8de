// Expired mask requests and their answers leave the mask service's board: the store's purge (run by
// schedulePurge, as `npm start` runs it beside the mask service, hourly) deletes a request from its
// expiry on, with every answer kept for it; live requests and their answers stay. Real stores (a
// SQLite file, and a real PostgreSQL where one is installed) behind the real mask service, on a
// clock the test moves. Nothing here needs the chain: the board's reads and the refusal of an
// answer to a purged request come before any proof check.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMaskRequest,
  listMaskRequests,
  readMaskAnswers,
  type SignedMaskRequest,
  sendMaskAnswer,
} from '@decdp/sdk/masks';
import { createMaskService } from '@decdp/sdk/masks/node';
import { type MerchantStore, openStore, schedulePurge, serveHttp } from '@decdp/sdk/merchant/node';
import { findPostgresBin, type LocalPostgres, startLocalPostgres } from '@decdp/sdk/testing/node';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MERCHANT_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const RELAYER_KEY = '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba';
const MASK_ID = 'purge-riders';
const merchant = new Wallet(MERCHANT_KEY);

let dir: string;
let postgres: LocalPostgres | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decdp-mask-purge-'));
  if (findPostgresBin()) postgres = await startLocalPostgres();
}, 120_000);

afterAll(async () => {
  await postgres?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A stored answer: the board keeps the member's answer JSON under its nullifier. */
async function keepAnswers(store: MerchantStore, signed: SignedMaskRequest, nullifiers: string[], at: number) {
  for (const nullifier of nullifiers) {
    const answer = { requestId: signed.request.id, maskId: MASK_ID, nullifier };
    await store.saveMaskAnswer({ requestId: signed.request.id, nullifier, answer: JSON.stringify(answer), at });
  }
}

async function purgesExpiredRequestsAndTheirAnswers(db: string) {
  const start = Math.floor(Date.now() / 1000);
  let now = start;
  const store = await openStore({ db });
  const served = await serveHttp({
    app: createMaskService({
      store,
      now: () => now,
      // Never used here: no route below reaches the chain.
      signer: new Wallet(RELAYER_KEY),
      registry: '0x0000000000000000000000000000000000000001',
      allowedOrigins: ['http://localhost'],
    }),
  });
  const schedule = schedulePurge({ store, now: () => now, everySeconds: 3600 });
  try {
    const request = (purpose: string, ttlSeconds: number) =>
      createMaskRequest({ signer: merchant, merchantName: 'Purge Bikes', maskId: MASK_ID, purpose, ttlSeconds });
    const soon = await request('Ends in a minute', 60);
    const later = await request('Ends in a week', 7 * 86_400);
    for (const signed of [soon, later]) {
      await store.saveMaskRequest({
        id: signed.request.id,
        maskId: MASK_ID,
        signed: JSON.stringify(signed),
        expiresAt: signed.request.expiresAt,
      });
    }
    await keepAnswers(store, soon, ['11', '12'], start);
    await keepAnswers(store, later, ['21', '22', '23'], start);

    const listed = async () =>
      (await listMaskRequests({ service: served.url, maskId: MASK_ID })).map((s) => s.request.id).sort();
    const answersOf = (signed: SignedMaskRequest) =>
      readMaskAnswers({ service: served.url, signer: merchant, requestId: signed.request.id, nowSeconds: now });

    // Before expiry: a purge keeps both requests and every answer.
    await schedule.runNow();
    expect(await listed()).toEqual([soon.request.id, later.request.id].sort());
    expect(await answersOf(soon)).toHaveLength(2);
    expect(await store.getMaskRequest(soon.request.id)).toBeDefined();

    // A second before expiry nothing goes either.
    now = soon.request.expiresAt - 1;
    await schedule.runNow();
    expect(await store.getMaskRequest(soon.request.id)).toBeDefined();
    expect(await store.listMaskAnswers(soon.request.id)).toHaveLength(2);

    // From its expiry on, the next purge deletes the request and its answers; the live one stays whole.
    now = soon.request.expiresAt;
    expect(await listed()).toEqual([later.request.id]); // the board stops listing it at once…
    expect(await store.getMaskRequest(soon.request.id)).toBeDefined(); // …and the purge deletes it
    await schedule.runNow();
    expect(await store.getMaskRequest(soon.request.id)).toBeUndefined();
    expect(await store.listMaskAnswers(soon.request.id)).toEqual([]);
    expect(JSON.parse((await store.getMaskRequest(later.request.id)) ?? 'null')).toEqual(later);
    expect((await store.listMaskAnswers(later.request.id)).map((a) => a.nullifier).sort()).toEqual(['21', '22', '23']);

    // Through the service: the purged request is unknown (its merchant's read, a member's answer), the live one is read whole.
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (error: { code?: string }) => error.code,
      );
    expect(await codeOf(answersOf(soon))).toBe('NOT_FOUND');
    expect(await codeOf(sendMaskAnswer({ service: served.url, answer: { requestId: soon.request.id } as never }))).toBe(
      'NOT_FOUND',
    );
    expect(await answersOf(later)).toHaveLength(3);

    // A week on, the other one goes too.
    now = later.request.expiresAt + 1;
    await schedule.runNow();
    expect(await store.getMaskRequest(later.request.id)).toBeUndefined();
    expect(await store.listMaskAnswers(later.request.id)).toEqual([]);
  } finally {
    schedule.stop();
    await served.close();
    await store.close();
  }
}

describe('the mask board forgets expired requests', () => {
  it('in a SQLite file: expired requests and their answers are purged, live ones stay', async () => {
    const file = join(dir, 'masks.sqlite');
    await purgesExpiredRequestsAndTheirAnswers(file);
    // Nothing of the board is left in the file itself.
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(file);
    try {
      expect(db.prepare('SELECT count(*) AS n FROM mask_requests').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM mask_answers').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  }, 60_000);

  it.skipIf(!findPostgresBin())(
    'in PostgreSQL: the same',
    async () => {
      await purgesExpiredRequestsAndTheirAnswers((postgres as LocalPostgres).url);
    },
    60_000,
  );
});
