import { claimReward } from '@decdp/sdk/chain';
import { createRequest, verifyProofBundle } from '@decdp/sdk/merchant';
import { openStore } from '@decdp/sdk/merchant/node';
import { makeHolder } from '@decdp/sdk/testing';
import { proveRequest } from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { JsonRpcProvider, Wallet } from 'ethers';

const { MERCHANT_KEY, RPC_URL, REWARD, PAYEE } = process.env; // REWARD: your funded campaign, as JSON
const signer = new Wallet(MERCHANT_KEY, new JsonRpcProvider(RPC_URL));
const store = await openStore({ db: 'merchant.sqlite' }); // or postgres://…
const { verificationKey, ...artifacts } = await loadNodeArtifacts(); // the circuit in the package, checksum-checked
const merchant = { name: 'Bike Shop', requestEndpoint: 'https://bikeshop.example/requests' };
const purpose = { code: 'age-check', text: 'Sell e-bikes to adults' };
const reward = JSON.parse(REWARD); // { chainId, pool, campaignId, scope, token, amount }
console.error('step 1');
// 1. Create a request: what you ask, why, how long you keep the answer, what you pay for it.
const predicates = [{ attribute: 'age', op: 'gte', value: 18 }];
const signedRequest = await createRequest({ signer, merchant, predicates, purpose, retentionDays: 30, reward });
console.error('step 2');
// 2. The person's wallet answers with a proof (in their browser; here the SDK's demo holder).
const holder = await makeHolder();
const bundle = await proveRequest({ signedRequest, ...holder, recipient: PAYEE, artifacts });
console.error('step 3');
// 3. Verify: the proof, that it answers your request, and an issuer you trust. No age travels.
const trustedIssuers = [holder.issuer.keyHash];
const verified = await verifyProofBundle({ signedRequest, bundle, verificationKey, trustedIssuers });
console.error('step 4');
// 4. Record: a light record (pseudonym, predicates, proof hash), kept for the 30 days you asked.
const expiresAt = verified.verifiedAt + 30 * 86_400;
const { record } = await store.save({ ...verified, createdAt: verified.verifiedAt, expiresAt, consentReceipt: null });
console.error('step 5');
// 5. Pay: the campaign pays the recipient bound inside the proof; the record keeps the transaction.
const { proof, publicSignals } = bundle.proofs[0];
const campaignId = BigInt(reward.campaignId);
const paid = await claimReward({ signer, pool: reward.pool, campaignId, proof, publicSignals });
await store.setRewardTx({ id: record.id, txHash: paid.txHash });
console.log(JSON.stringify({ predicates: record.predicates, paid: String(paid.amount), tx: paid.txHash }));
await Promise.all([store.close(), signer.provider.destroy(), releaseProverThreads()]); // a script ends here
