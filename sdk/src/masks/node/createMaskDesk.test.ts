// The mask desk's refusals that come before any chain or board call: the ask body's fields named
// as the body names them, and an unknown or malformed request id. The whole flow, with a chain, the
// board and payouts, is test/integration/merchantMaskRequests.test.ts.
import { JsonRpcProvider, Wallet } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import { DecdpError } from '../../errors/index.ts';
import { openSqliteStore } from '../../store/openSqliteStore.ts';
import { createMaskDesk } from './createMaskDesk.ts';

const store = openSqliteStore({ path: ':memory:' });
// Nothing listens there: every refusal below must come before the chain is asked.
const provider = new JsonRpcProvider('http://127.0.0.1:9/', 31337, { staticNetwork: true });
const desk = createMaskDesk({
  store,
  signer: Wallet.createRandom().connect(provider),
  provider,
  merchantName: 'Test shop',
  registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  service: 'http://127.0.0.1:9/',
});
afterAll(async () => {
  provider.destroy();
  await store.close();
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof DecdpError ? `${error.code} ${error.field ?? ''}`.trim() : String(error)),
  );

describe('createMaskDesk', () => {
  it('names the field at fault in an ask, as the body names it', async () => {
    const purpose = 'Would you test-ride our city bike?';
    expect(await refusal(desk.ask({ maskId: 'New Cyclist', purpose }))).toBe('INVALID_INPUT maskId');
    expect(await refusal(desk.ask({ maskId: 'new-cyclist', purpose: '  ' }))).toBe('INVALID_INPUT purpose');
    expect(await refusal(desk.ask({ maskId: 'new-cyclist', purpose: 'x'.repeat(501) }))).toBe('INVALID_INPUT purpose');
    for (const amount of ['1,5', '-2', '0', '0.0', '2.5e3', 2.5]) {
      expect(await refusal(desk.ask({ maskId: 'new-cyclist', purpose, reward: { amount } })), String(amount)).toBe(
        'INVALID_INPUT reward.amount',
      );
    }
    for (const hours of [0, 721, 1.5]) {
      expect(await refusal(desk.ask({ maskId: 'new-cyclist', purpose, hours }))).toBe('INVALID_INPUT hours');
    }
    expect(await refusal(desk.ask({ maskId: 'new-cyclist', purpose, campaignId: '1' }))).toBe('INVALID_INPUT body');
    expect(await refusal(desk.ask(null))).toBe('INVALID_INPUT body');
  });

  it('knows no request it did not send, and lists none', async () => {
    expect(await refusal(desk.pay('0123456789abcdef01234567'))).toBe('NOT_FOUND id');
    expect(await refusal(desk.pay('../../etc'))).toBe('NOT_FOUND id');
    expect(await desk.requests()).toEqual([]);
  });
});
