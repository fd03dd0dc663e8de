// Writes contracts/test/fixtures/claim.json: a real proof for a rewarded age ≥ 18 request, so the
// forge tests run the real verifier. Rerun after a circuit rebuild: npm run fixtures:contracts
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toSolidityProof } from '@decdp/sdk/chain';
import { resolvePredicate, statementHashOf, statementOf, unpackRecipientAndTime } from '@decdp/sdk/protocol';
import { makeHolder } from '@decdp/sdk/testing';
import { proveRequest } from '@decdp/sdk/wallet';
import { poseidonHash, releaseProverThreads } from '@decdp/sdk/zk';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { FIXTURE_NOW, FIXTURE_PREDICATE, FIXTURE_SCOPE, makeFixtureRequest } from './fixtureRequest.ts';

const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

const holder = await makeHolder({ now: FIXTURE_NOW });
const signedRequest = await makeFixtureRequest();
const bundle = await proveRequest({
  signedRequest,
  credentials: holder.credentials,
  holderSecret: holder.holderSecret,
  recipient: RECIPIENT,
  artifacts: await loadNodeArtifacts(),
  now: FIXTURE_NOW,
});
await releaseProverThreads();
const entry = bundle.proofs[0];
if (!entry) throw new Error('no proof');
const resolved = await resolvePredicate(FIXTURE_PREDICATE, 'predicate');
// Circuit v3: the campaign stores statementHash; signals are [statementHash, nullifier,
// recipientAndTime, contextHash] (sdk/src/protocol/publicSignals.ts, docs/interfaces.md).
const merchantScope = BigInt(signedRequest.request.scope);
const statement = statementOf(resolved, {
  issuerKeyHash: holder.issuer.keyHash,
  merchantScope,
  nullifierScope: FIXTURE_SCOPE,
});
const bound = unpackRecipientAndTime(BigInt(entry.publicSignals[2] ?? 0));
const fixture = {
  campaign: {
    statementHash: (await statementHashOf(statement)).toString(),
    merchantScope: merchantScope.toString(),
    attributeId: String(resolved.attribute.code),
    operator: resolved.operatorCode.toString(),
    operandA: resolved.operandA.toString(),
    operandB: resolved.operandB.toString(),
    setHash: resolved.setHash.toString(),
    issuerKeyHash: holder.issuer.keyHash.toString(),
    scope: FIXTURE_SCOPE.toString(),
    start: String(FIXTURE_NOW - 3600),
    end: String(FIXTURE_NOW + 86_400),
  },
  now: String(FIXTURE_NOW),
  proof: toSolidityProof(entry.proof),
  signals: entry.publicSignals,
  /** signals[2] unpacked: recipient = low 160 bits, now = the bits above. */
  unpacked: { recipient: `0x${bound.recipient.toString(16).padStart(40, '0')}`, now: bound.now.toString() },
  recipient: RECIPIENT,
  /** circomlibjs Poseidon of small inputs: the forge test checks poseidon-solidity against them. */
  poseidon: {
    t6_1_2_3_4_5: (await poseidonHash([1n, 2n, 3n, 4n, 5n])).toString(),
    t5_1_2_3_4: (await poseidonHash([1n, 2n, 3n, 4n])).toString(),
  },
};
if (fixture.campaign.statementHash !== entry.publicSignals[0]) throw new Error('statementHash mismatch');
const out = join(import.meta.dirname, '..', 'contracts', 'test', 'fixtures', 'claim.json');
await writeFile(out, `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`wrote ${out}`);
