// A web shop's backend integrates DeCDP: docs/merchant.md's "ten lines" as a service. Its own
// project (package.json beside it); run in the repository by test/integration/merchantExample.test.ts
// and from the packed SDK by test/integration/sdkConsumer.test.ts. `npm start` here, or
// `node examples/merchant-shop/server.ts` in a checkout.

import { createMerchantService, openStore, schedulePurge, serveHttp } from '@decdp/sdk/merchant/node';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { Wallet } from 'ethers';

const port = Number(process.env.PORT ?? 8787);
const store = await openStore({ db: process.env.DATABASE_URL ?? 'merchant.sqlite' }); // or postgres://…
const { verificationKey } = await loadNodeArtifacts(); // the committed circuit key, checksum-checked
const app = createMerchantService({
  signer: new Wallet(process.env.MERCHANT_KEY as string), // signs requests and deletion confirmations
  name: 'Bike Shop',
  publicUrl: `http://localhost:${port}/`,
  store,
  verificationKey,
  trustedIssuers: [BigInt(process.env.TRUSTED_ISSUER as string)], // issuer key hashes you accept
  allowedOrigins: ['https://bikeshop.example'],
});
schedulePurge({ store }); // deletes expired and revoked light records, hourly
const service = await serveHttp({ app, port });
console.log(`merchant service on ${service.url}`);
