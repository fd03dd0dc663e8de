// Writes contracts/test/fixtures/maskAdmission.json: a real admission (one age ≥ 18 proof) for mask
// `adults` and one identity commitment, so the forge tests run MaskRegistry.joinWithAdmission
// against the real credential key. Rerun after a circuit rebuild: npm run fixtures:contracts
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toSolidityProof } from '@decdp/sdk/chain';
import { maskIdentity, parseMaskDefinition, proveMaskAdmission } from '@decdp/sdk/masks';
import { resolvePredicate } from '@decdp/sdk/protocol';
import { makeHolder } from '@decdp/sdk/testing';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { FIXTURE_NOW } from './fixtureRequest.ts';

const PREDICATE = { attribute: 'age', op: 'gte', value: 18 } as const;
const holder = await makeHolder({ now: FIXTURE_NOW });
const mask = parseMaskDefinition({
  version: 1,
  id: 'adults',
  name: 'Adults',
  description: 'For the forge tests',
  createdAt: FIXTURE_NOW - 3600,
  epochSeconds: 3600,
  k: 5,
  treeDepth: 20,
  rootValiditySeconds: 3600,
  admission: { predicates: [PREDICATE], trustedIssuers: [holder.issuer.keyHash.toString()] },
});
const { admission } = await proveMaskAdmission({
  holderSecret: holder.holderSecret,
  mask,
  credentials: holder.credentials,
  artifacts: await loadNodeArtifacts(),
  nowSeconds: FIXTURE_NOW,
});
await releaseProverThreads();
const resolved = await resolvePredicate(PREDICATE, 'predicate');
const entry = admission.proofs[0];
if (!entry) throw new Error('no proof');
const fixture = {
  maskId: mask.id,
  now: String(FIXTURE_NOW),
  identityCommitment: admission.identityCommitment,
  /** Another identity of the same holder (another mask's derivation): the proof must not admit it. */
  otherCommitment: maskIdentity({ holderSecret: holder.holderSecret, maskId: 'other' }).commitment.toString(),
  pseudonym: admission.pseudonym,
  predicate: {
    attributeId: String(resolved.attribute.code),
    operator: resolved.operatorCode.toString(),
    operandA: resolved.operandA.toString(),
    operandB: resolved.operandB.toString(),
    setHash: resolved.setHash.toString(),
  },
  issuerKeyHash: entry.issuerKeyHash,
  proof: toSolidityProof(entry.proof),
  signals: entry.publicSignals,
};
const out = join(import.meta.dirname, '..', 'contracts', 'test', 'fixtures', 'maskAdmission.json');
await writeFile(out, `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`wrote ${out}`);
