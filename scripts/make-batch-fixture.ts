// Writes contracts/test/fixtures/batch.json: 17 real proofs from 17 holders for one rewarded
// request (the same campaign scope as claim.json), each paying a fresh recipient, so the forge
// tests run claimBatch with the real verifier. Rerun after a circuit rebuild:
// npm run fixtures:contracts (which runs make-claim-fixture.ts, then this).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toSolidityProof } from '@decdp/sdk/chain';
import { makeHolder } from '@decdp/sdk/testing';
import { proveRequest } from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { Wallet } from 'ethers';
import { FIXTURE_NOW, FIXTURE_SCOPE, makeFixtureRequest } from './fixtureRequest.ts';

// 16 for a full batch, and one more the bench claims alone for a recipient that already holds the token.
const COUNT = Number(process.env.COUNT ?? 17);
const signedRequest = await makeFixtureRequest();
const artifacts = await loadNodeArtifacts();
const claims = [];
for (let i = 0; i < COUNT; i++) {
  const holder = await makeHolder({ now: FIXTURE_NOW, holderSecret: 1000n + BigInt(i) });
  const recipient = Wallet.createRandom().address;
  const bundle = await proveRequest({
    signedRequest,
    credentials: holder.credentials,
    holderSecret: holder.holderSecret,
    recipient,
    artifacts,
    now: FIXTURE_NOW,
  });
  const entry = bundle.proofs[0];
  if (!entry) throw new Error('no proof');
  claims.push({ proof: toSolidityProof(entry.proof), signals: entry.publicSignals, recipient });
  process.stderr.write('.');
}
await releaseProverThreads();
const out = join(import.meta.dirname, '..', 'contracts', 'test', 'fixtures', 'batch.json');
await writeFile(
  out,
  `${JSON.stringify({ scope: FIXTURE_SCOPE.toString(), now: String(FIXTURE_NOW), claims }, null, 2)}\n`,
);
console.log(`wrote ${out}`);
