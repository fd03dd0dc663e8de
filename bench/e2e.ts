// End to end against the real system, per run: the merchant service creates a rewarded request;
// the wallet reads the person's credentials from the pod, proves in Node and answers; the service
// verifies, keeps the light record and relays the on-chain claim. Each run is a new person (their
// credentials written to the pod before the clock starts): a person can claim a campaign once.

import { decdpUrls, listContainer, readJsonDocument, writeJsonDocument } from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import { parseCredential } from '@decdp/sdk/protocol';
import { makeHolder } from '@decdp/sdk/testing';
import { createHolderSecret, proveRequest } from '@decdp/sdk/wallet';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { JsonRpcProvider } from 'ethers';
import { startSystem } from '../scripts/system/startSystem.ts';
import { postRewardedRequest } from './postRewardedRequest.ts';
import { log, median, round } from './stats.ts';

export async function measureE2e(runs: number): Promise<{ e2e_ms_median: number; relayed_claim_gas: number }> {
  log('e2e: starting the system (anvil, Solid, merchant service)');
  const system = await startSystem({ pages: false, log: (line) => log(`  ${line}`) });
  const provider = new JsonRpcProvider(system.urls.rpc, undefined, { staticNetwork: true });
  try {
    const artifacts = await loadNodeArtifacts();
    const session = await loginWithClientCredentials(system.demo.login);
    const pod = decdpUrls(system.demo.podUrl);
    const times: number[] = [];
    let gas = 0;
    for (let run = 0; run <= runs; run++) {
      const person = await makeHolder({ holderSecret: createHolderSecret() });
      for (const credential of person.credentials) {
        const url = `${pod.credentials}${credential.credentialSubject.attribute}.json`;
        await writeJsonDocument({ url, data: credential, fetch: session.fetch });
      }
      const started = performance.now();
      const signed = await postRewardedRequest(system.urls.merchantService, system.operatorToken);
      const urls = await listContainer({ url: pod.credentials, fetch: session.fetch });
      const credentials = await Promise.all(
        urls.map(async (url) => parseCredential(await readJsonDocument({ url, fetch: session.fetch }))),
      );
      const bundle = await proveRequest({
        signedRequest: signed,
        credentials,
        holderSecret: person.holderSecret,
        recipient: system.demo.recipient,
        artifacts,
      });
      const answered = await fetch(`${system.urls.merchantService}requests/${signed.request.id}/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bundle),
      });
      const body = (await answered.json()) as { reward: { txHash: string } | null };
      if (answered.status !== 201 || !body.reward) {
        throw new Error(`e2e answer failed: ${answered.status} ${JSON.stringify(body)}`);
      }
      // The service answers once the claim transaction is mined.
      const elapsed = performance.now() - started;
      if (run > 0) times.push(elapsed); // run 0 warms up the prover
      const receipt = await provider.getTransactionReceipt(body.reward.txHash);
      gas = receipt ? Number(receipt.gasUsed) : gas;
      log(`  run ${run}: ${Math.round(elapsed)} ms`);
    }
    await session.logout();
    return { e2e_ms_median: round(median(times)), relayed_claim_gas: gas };
  } finally {
    provider.destroy();
    await system.stop();
  }
}
