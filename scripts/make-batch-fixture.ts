// Writes contracts/test/fixtures/batch.json: 16 real proofs from 16 holders for one rewarded
// request (the same campaign scope as claim.json), each paying a fresh recipient, so the forge
// tests run claimBatch with the real verifier. Rerun after a circuit rebuild:
// npm run fixtures:contracts (which runs make-claim-fixture.ts, then this).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Wallet } from 'ethers';
import { toSolidityProof } from '../sdk/src/chain/toSolidityProof.ts';
import { createRequest } from '../sdk/src/merchant/createRequest.ts';
import { makeHolder, merchantSigner } from '../sdk/src/testing/demo.ts';
import { proveRequest } from '../sdk/src/wallet/proveRequest.ts';
import { releaseProverThreads } from '../sdk/src/zk/groth16.ts';
import { loadNodeArtifacts } from '../sdk/src/zk/loadNodeArtifacts.ts';

const SCOPE = 4242424242n;
const NOW = 1_800_000_000;
const COUNT = Number(process.env.COUNT ?? 16);
const predicate = { attribute: 'age', op: 'gte' as const, value: 18 };
const signedRequest = await createRequest({
  signer: merchantSigner(),
  merchant: { name: 'Fixture Shop', requestEndpoint: 'http://localhost:1/requests' },
  predicates: [predicate],
  purpose: { code: 'fixture', text: 'forge test fixture' },
  retentionDays: 1,
  reward: {
    chainId: 31337,
    pool: '0x0000000000000000000000000000000000000001',
    campaignId: '1',
    scope: SCOPE.toString(),
    token: '0x0000000000000000000000000000000000000002',
    amount: '5000000000000000000',
  },
  now: NOW - 10,
});
const artifacts = await loadNodeArtifacts();
const claims = [];
for (let i = 0; i < COUNT; i++) {
  const holder = await makeHolder({ now: NOW, holderSecret: 1000n + BigInt(i) });
  const recipient = Wallet.createRandom().address;
  const bundle = await proveRequest({
    signedRequest,
    credentials: holder.credentials,
    holderSecret: holder.holderSecret,
    recipient,
    artifacts,
    now: NOW,
  });
  const entry = bundle.proofs[0];
  if (!entry) throw new Error('no proof');
  claims.push({ proof: toSolidityProof(entry.proof), signals: entry.publicSignals, recipient });
  process.stderr.write('.');
}
await releaseProverThreads();
const out = join(import.meta.dirname, '..', 'contracts', 'test', 'fixtures', 'batch.json');
await writeFile(out, `${JSON.stringify({ scope: SCOPE.toString(), now: String(NOW), claims }, null, 2)}\n`);
console.log(`wrote ${out}`);
