// Starts the whole DeCDP system on loopback: anvil with deployed contracts and a funded campaign,
// the Solid server with a seeded demo pod, the merchant service and the wallet/merchant pages.
// Used by `npm start`, the integration and browser tests and the bench. stop() ends all of it.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createCampaign, type Deployment, deployContracts, mintRewardToken, registerIssuer } from '@decdp/sdk/chain';
import { serveHttp } from '@decdp/sdk/issuer/node';
import {
  createMaskOnChain,
  DEFAULT_CHAIN_MASK_K,
  deployMaskContracts,
  joinMaskOnChain,
  type MaskDeployment,
} from '@decdp/sdk/masks';
import { createMaskDesk, createMaskService } from '@decdp/sdk/masks/node';
import { createChainClaimRelay } from '@decdp/sdk/merchant';
import {
  createCampaignDesk,
  createMerchantService,
  createOperatorToken,
  openOfferDesk,
  openSqliteStore,
  schedulePurge,
  trustIssuersFromRegistry,
} from '@decdp/sdk/merchant/node';
import { createPodAccount } from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import type { AppConfig, RequestPredicate } from '@decdp/sdk/protocol';
import { resolvePredicate } from '@decdp/sdk/protocol';
import {
  BOOKSHOP_PRIVATE_KEY,
  DEMO_PERSON,
  DEMO_RECOVERY_PHRASE,
  MERCHANT_PRIVATE_KEY,
  makeHolder,
} from '@decdp/sdk/testing';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { JsonRpcProvider, NonceManager, parseUnits, Wallet } from 'ethers';
import pino from 'pino';
import { freePort } from './freePort.ts';
import { seedWallet } from './seedPerson.ts';
import { startAnvil } from './startAnvil.ts';
import { DEMO_LOYALTY_LOGIN, demoIssuerKeys, startDemoIssuer } from './startDemoIssuer.ts';
import { startSolidServer } from './startSolidServer.ts';

export type { AppConfig };

export type System = {
  urls: {
    wallet: string;
    merchant: string;
    solid: string;
    merchantService: string;
    rpc: string;
    /** The demo issuer service and the PSD2 sandbox bank behind it (docs/issuer.md). */
    issuer: string;
    sandboxBank: string;
    /** The mask service: the relayer and the board of mask-targeted requests (docs/masks.md). */
    maskService: string;
  };
  /** The demo merchant's loyalty account for the demo person, and the issuer's operator token. */
  issuer: { loyaltyLogin: { email: string; password: string }; operatorToken: string };
  config: AppConfig;
  /** The first merchant's operator API token (every scope): admin routes need it (docs/merchant.md). */
  operatorToken: string;
  /** Every demo merchant (the first is `urls.merchantService`): own key, store, campaign, token, page. */
  merchants: DemoMerchant[];
  deployment: Deployment;
  demo: {
    podUrl: string;
    webId: string;
    recipient: string;
    holderSecret: bigint;
    /** The demo wallet's recovery phrase (what the person would have written down). */
    recoveryPhrase: string;
    /** Client credentials of the demo account, for Node-side logins (tests, bench). */
    login: { oidcIssuer: string; clientId: string; clientSecret: string };
  };
  stop(): Promise<void>;
};

export type SystemPorts = {
  solid: number;
  pages: number;
  merchantService: number;
  rpc: number;
  issuer: number;
  sandboxBank: number;
};

export type StartSystemOptions = {
  /** Persistent state (pod files, merchant SQLite); absent = everything in memory. */
  dataDir?: string;
  /** Start the Vite pages (default true). */
  pages?: boolean;
  /**
   * Fixed ports (default: free ones). With a data folder the Solid port must stay the same across
   * restarts: the pod's URLs, WebID included, contain it.
   */
  ports?: Partial<SystemPorts>;
  log?: (line: string) => void;
  /** The merchant service's clock, unix seconds (default the system clock); tests move it on. */
  merchantNow?: () => number;
  /** How long the demo issuer's bank credentials live (default 90 days); renewal tests shorten it. */
  bankCredentialSeconds?: number;
  /**
   * A running Solid server to use instead of starting one (tests share one per Vitest project):
   * stop() leaves it running, and the demo person and shop get accounts with fresh names on it.
   */
  solidServer?: string;
  /** The demo issuer's clock, unix seconds (default the system clock); renewal tests set it back. */
  issuerNow?: () => number;
  /** The rewards campaign's on-chain predicate (default DEMO_CAMPAIGN_PREDICATE); a fresh chain only. */
  campaignPredicate?: RequestPredicate;
  /** Each merchant service's structured log lines (pino JSON), by merchant id; default silent. */
  merchantLog?: (merchantId: string, line: string) => void;
};

/** The campaign every demo reward request carries. */
export const DEMO_CAMPAIGN_PREDICATE: RequestPredicate = { attribute: 'age', op: 'gte', value: 18 };

export type DemoMerchant = {
  id: string;
  name: string;
  address: string;
  service: string;
  /** Its page: merchant.html?merchant=<id>. */
  page: string;
  operatorToken: string;
  campaignId: string;
};

/**
 * The merchants `npm start` runs besides the bike shop, each with its own key, store, campaign,
 * token and page. To add a third, add an entry (a funded anvil account's key; README "Add a merchant").
 */
export const MORE_DEMO_MERCHANTS = [{ id: 'bookshop', name: 'Demo Bookshop', key: BOOKSHOP_PRIVATE_KEY }] as const;

export async function startSystem(options: StartSystemOptions = {}): Promise<System> {
  const log = options.log ?? (() => {});
  const merchantLogger = (merchantId: string) => {
    const write = options.merchantLog;
    return write ? { logger: pino({ level: 'info' }, { write: (line: string) => write(merchantId, line) }) } : {};
  };
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => {});
  };
  const campaignPredicate = options.campaignPredicate ?? DEMO_CAMPAIGN_PREDICATE;
  try {
    if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
    const started = Date.now();
    const step = (message: string) => log(`${message} (${((Date.now() - started) / 1000).toFixed(1)}s)`);

    step('starting anvil');
    const anvil = await startAnvil({
      ...(options.ports?.rpc ? { port: options.ports.rpc } : {}),
      ...(options.dataDir ? { statePath: join(options.dataDir, 'anvil-state.json') } : {}),
    });
    stops.push(anvil.stop);
    const provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { staticNetwork: true, pollingInterval: 100 });
    stops.push(async () => provider.destroy());
    // anvil mines only when a transaction comes, so an idle chain's time stands still, and the
    // reward pool refuses a proof made more than MAX_CLOCK_DRIFT (5 minutes) after its latest
    // block: an empty block every 30 s keeps the chain's clock near the wall clock.
    const ticker = setInterval(() => void provider.send('evm_mine', []).catch(() => {}), 30_000);
    ticker.unref();
    stops.push(async () => clearInterval(ticker));
    const merchantKey = new Wallet(MERCHANT_PRIVATE_KEY, provider);
    const merchantSigner = new NonceManager(merchantKey);

    // The demo holder's issuer is what the deployment registers and the campaigns trust.
    let demoHolder: ReturnType<typeof makeHolder> | undefined;
    const holder = () => {
      demoHolder ??= makeHolder();
      return demoHolder;
    };
    // DECDP_CHAIN_SNAPSHOT=off deploys every time (to compare, or to rule the snapshot out).
    const snapshot =
      options.dataDir || process.env.DECDP_CHAIN_SNAPSHOT === 'off'
        ? undefined
        : await chainSnapshotFile(campaignPredicate);
    const saved = options.dataDir
      ? await readSavedChain(join(options.dataDir, 'deployment.json'), provider)
      : snapshot
        ? await loadChainSnapshot(snapshot, provider)
        : null;
    const rewardPerClaim = parseUnits('5');
    let deployment: Deployment;
    let campaign: { campaignId: bigint; scope: bigint };
    if (saved) {
      step(`reusing the contracts and campaign from the saved chain${options.dataDir ? '' : ' (snapshot)'}`);
      deployment = saved.deployment;
      campaign = { campaignId: saved.campaignId, scope: saved.scope };
    } else {
      step('deploying contracts');
      deployment = await deployContracts({ signer: merchantSigner });
      const { issuer: demoIssuer } = await holder();
      await registerIssuer({
        signer: merchantSigner,
        registry: deployment.registry,
        issuerKeyHash: demoIssuer.keyHash,
        publicKey: demoIssuer.publicKey,
        name: demoIssuer.name,
      });
      // The demo issuer's other registered sources (the bank signs with the Demo Bank key above).
      const issuerKeys = await demoIssuerKeys();
      for (const [name, key] of [
        ['Demo chain attestor', issuerKeys.ethereum],
        ['Demo Bike Shop loyalty', issuerKeys.loyalty],
      ] as const) {
        await registerIssuer({
          signer: merchantSigner,
          registry: deployment.registry,
          issuerKeyHash: key.keyHash,
          publicKey: key.publicKey,
          name,
        });
      }
      await mintRewardToken({
        signer: merchantSigner,
        token: deployment.token,
        to: await merchantKey.getAddress(),
        amount: parseUnits('10000'),
      });
      const now = Math.floor(Date.now() / 1000);
      campaign = await createCampaign({
        signer: merchantSigner,
        pool: deployment.pool,
        token: deployment.token,
        predicate: await resolvePredicate(campaignPredicate, 'campaign.predicate'),
        issuerKeyHashes: [(await holder()).issuer.keyHash],
        rewardPerClaim,
        budget: parseUnits('1000'),
        start: now - 60,
        end: now + 30 * 86_400,
      });
    }
    step(`campaign ${campaign.campaignId} ready`);

    let solid: { baseUrl: string };
    if (options.solidServer) solid = { baseUrl: options.solidServer };
    else {
      step('starting the Solid server');
      const started = await startSolidServer({
        ...(options.ports?.solid ? { port: options.ports.solid } : {}),
        ...(options.dataDir ? { dataDir: join(options.dataDir, 'pod') } : {}),
      });
      stops.push(started.stop);
      solid = started;
    }
    // On a Solid server shared with other systems, this one's accounts get names of their own.
    const suffix = options.solidServer ? `-${randomBytes(6).toString('hex')}` : '';
    const demoPerson = suffix
      ? { email: `demo${suffix}@decdp.test`, password: DEMO_PERSON.password, podName: `demo${suffix}` }
      : DEMO_PERSON;
    const account = await seedDemoAccount({ baseUrl: solid.baseUrl, dataDir: options.dataDir, person: demoPerson });
    const { holderSecret, recipient } = await seedWallet({
      solidUrl: solid.baseUrl,
      account,
      recoveryPhrase: DEMO_RECOVERY_PHRASE,
    });
    step(`demo pod seeded at ${account.podUrl}`);

    // Masks (docs/masks.md § On-chain): Semaphore v4 and the mask registry, with one demo mask that
    // already has k − 1 members, so the demo person's join makes it big enough to contribute to.
    const savedMasks = saved?.masks;
    let masks: MaskDeployment;
    // A deployment from before the registry checked admissions on-chain has no issuerRegistry: redeploy.
    if (savedMasks?.issuerRegistry) masks = savedMasks;
    else {
      step('deploying the mask registry (Semaphore v4) and a demo mask');
      masks = await deployMaskContracts({ signer: merchantSigner, issuerRegistry: deployment.registry });
      await seedDemoMasks({
        signer: merchantSigner,
        registry: masks.registry,
        trustedIssuer: (await holder()).issuer.keyHash.toString(),
      });
    }

    const artifacts = await loadNodeArtifacts();
    const pagesPort = options.pages === false ? 0 : (options.ports?.pages ?? (await freePort()));
    // Browsers may open the pages as localhost or 127.0.0.1; both are the same loopback server.
    const pageOrigins = [`http://localhost:${pagesPort}`, `http://127.0.0.1:${pagesPort}`];
    step('starting the PSD2 sandbox bank and the demo issuer');
    const issuer = await startDemoIssuer({
      rpcUrl: anvil.rpcUrl,
      chainId: deployment.chainId,
      token: deployment.token,
      merchantName: 'Demo Bike Shop',
      solidServer: solid.baseUrl,
      verificationKey: artifacts.verificationKey,
      allowedOrigins: pageOrigins,
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.bankCredentialSeconds ? { bankCredentialSeconds: options.bankCredentialSeconds } : {}),
      ...(options.issuerNow ? { now: options.issuerNow } : {}),
      ports: {
        ...(options.ports?.issuer ? { issuer: options.ports.issuer } : {}),
        ...(options.ports?.sandboxBank ? { sandboxBank: options.ports.sandboxBank } : {}),
      },
    });
    stops.push(issuer.stop);

    // The mask relayer and request board: its own funded anvil account pays the members' gas.
    step('starting the mask service (relayer, mask requests)');
    // Its board of mask requests is kept in its own store, so a restart with a data folder keeps it.
    const maskStore = openSqliteStore({ path: options.dataDir ? join(options.dataDir, 'masks.sqlite') : ':memory:' });
    stops.push(() => maskStore.close());
    // Expired mask requests and their answers leave the board hourly, as the merchant CLI purges its store.
    const maskPurge = schedulePurge({
      store: maskStore,
      onError: (error) => log(`mask board purge failed: ${String(error)}`),
    });
    stops.push(async () => maskPurge.stop());
    const maskService = await serveHttp({
      app: createMaskService({
        store: maskStore,
        signer: new NonceManager(new Wallet(MASK_RELAYER_PRIVATE_KEY, provider)),
        registry: masks.registry,
        allowedOrigins: pageOrigins,
      }),
      port: await freePort(),
    });
    stops.push(maskService.close);

    step('starting the merchant service');
    // Trust from the chain: both merchants accept an issuer only while IssuerRegistry trusts it,
    // kept current from its events (a key revoked on-chain is refused from the next block read).
    const issuerTrust = await trustIssuersFromRegistry({ provider, registry: deployment.registry });
    stops.push(async () => issuerTrust.close());
    const store = openSqliteStore({ path: options.dataDir ? join(options.dataDir, 'merchant.sqlite') : ':memory:' });
    stops.push(() => store.close());
    // The operator's token, as `decdp-merchant tokens create` would make it; the local demo's
    // merchant page gets it in its config (never do that with a real store).
    const { token: operatorToken } = await createOperatorToken({ store, name: 'npm start' });
    // One relay for answers' rewards and POST /claims: it serializes them (one key, one nonce sequence).
    const claims = createChainClaimRelay({ signer: merchantSigner, pool: deployment.pool });
    const servicePort = options.ports?.merchantService ?? (await freePort());
    // Offers (docs/offers.md): kept in the merchant's store, defined with its operator token; GET /offers is public.
    const offerDesk = await openOfferDesk({ store });
    stops.push(() => offerDesk.close());
    // The shop's own Solid login: POST /requests/:id/deliveries appends to connected inboxes with it.
    const shopAccount = await seedDemoAccount({
      baseUrl: solid.baseUrl,
      dataDir: options.dataDir,
      file: 'demo-shop-account.json',
      person: suffix
        ? { ...DEMO_SHOP_ACCOUNT, email: `shop${suffix}@decdp.test`, podName: `${DEMO_SHOP_ACCOUNT.podName}${suffix}` }
        : DEMO_SHOP_ACCOUNT,
    });
    const shopSolid = await loginWithClientCredentials({
      oidcIssuer: solid.baseUrl,
      clientId: shopAccount.clientId,
      clientSecret: shopAccount.clientSecret,
    });
    stops.push(async () => shopSolid.logout?.());
    const bikeShopRewards = {
      campaign: {
        chainId: deployment.chainId,
        pool: deployment.pool,
        campaignId: campaign.campaignId.toString(),
        scope: campaign.scope.toString(),
        token: deployment.token,
        amount: rewardPerClaim.toString(),
      },
      predicate: campaignPredicate,
    };
    const app = createMerchantService({
      signer: merchantKey,
      solid: { webId: shopSolid.webId, fetch: shopSolid.fetch },
      offers: { desk: offerDesk },
      name: 'Demo Bike Shop',
      publicUrl: `http://localhost:${servicePort}/`,
      ...merchantLogger('bike-shop'),
      store,
      verificationKey: artifacts.verificationKey,
      trustedIssuers: issuerTrust.trustedIssuers,
      issuerRegistry: issuerTrust.issuerRegistry,
      allowedOrigins: pageOrigins,
      // The wallet page still lists open requests; the inbox and links replace it (docs/wallet.md).
      publicRequestList: true,
      ...(options.merchantNow ? { now: options.merchantNow } : {}),
      rewards: bikeShopRewards,
      claims,
      // Its campaigns from the page and `decdp-merchant campaigns`, on the relay's nonce manager.
      campaigns: createCampaignDesk({
        store,
        signer: merchantSigner,
        provider,
        pool: deployment.pool,
        chainId: deployment.chainId,
        issuers: issuerTrust.trustedIssuers,
        configured: bikeShopRewards,
        now: () => Math.floor(Date.now() / 1000),
      }),
      // Requests to a mask's members, paid in the reward token from the shop's own key (docs/masks.md).
      masks: createMaskDesk({
        store,
        signer: merchantSigner,
        provider,
        merchantName: 'Demo Bike Shop',
        registry: masks.registry,
        service: maskService.url,
        rewardToken: deployment.token,
        offers: `http://localhost:${servicePort}/`,
        ...(options.merchantNow ? { now: options.merchantNow } : {}),
      }),
    });
    const service = await serveHttp({ app, port: servicePort });
    stops.push(service.close);

    // The other merchants: own key, SQLite store, campaign (kept across restarts), operator token.
    // They publish no request list: people get their requests by link, QR code or inbox.
    const merchants: DemoMerchant[] = [
      {
        id: 'bike-shop',
        name: 'Demo Bike Shop',
        address: await merchantKey.getAddress(),
        service: service.url,
        page: '',
        operatorToken,
        campaignId: campaign.campaignId.toString(),
      },
    ];
    const moreCampaigns: Record<string, { campaignId: string; scope: string }> = { ...saved?.campaigns };
    for (const extra of MORE_DEMO_MERCHANTS) {
      const signer = new NonceManager(new Wallet(extra.key, provider));
      let own = moreCampaigns[extra.id];
      if (!own) {
        await mintRewardToken({
          signer: merchantSigner,
          token: deployment.token,
          to: await signer.getAddress(),
          amount: parseUnits('10000'),
        });
        const now = Math.floor(Date.now() / 1000);
        const created = await createCampaign({
          signer,
          pool: deployment.pool,
          token: deployment.token,
          predicate: await resolvePredicate(campaignPredicate, 'campaign.predicate'),
          issuerKeyHashes: [(await holder()).issuer.keyHash],
          rewardPerClaim,
          budget: parseUnits('1000'),
          start: now - 60,
          end: now + 30 * 86_400,
        });
        own = { campaignId: created.campaignId.toString(), scope: created.scope.toString() };
        moreCampaigns[extra.id] = own;
      }
      const extraStore = openSqliteStore({
        path: options.dataDir ? join(options.dataDir, `${extra.id}.sqlite`) : ':memory:',
      });
      stops.push(() => extraStore.close());
      const { token } = await createOperatorToken({ store: extraStore, name: 'npm start' });
      const port = await freePort();
      const ownRewards = {
        campaign: {
          chainId: deployment.chainId,
          pool: deployment.pool,
          campaignId: own.campaignId,
          scope: own.scope,
          token: deployment.token,
          amount: rewardPerClaim.toString(),
        },
        predicate: campaignPredicate,
      };
      const extraApp = createMerchantService({
        signer: new Wallet(extra.key, provider),
        name: extra.name,
        publicUrl: `http://localhost:${port}/`,
        ...merchantLogger(extra.id),
        store: extraStore,
        verificationKey: artifacts.verificationKey,
        trustedIssuers: issuerTrust.trustedIssuers,
        issuerRegistry: issuerTrust.issuerRegistry,
        allowedOrigins: pageOrigins,
        ...(options.merchantNow ? { now: options.merchantNow } : {}),
        rewards: ownRewards,
        claims: createChainClaimRelay({ signer, pool: deployment.pool }),
        campaigns: createCampaignDesk({
          store: extraStore,
          signer,
          provider,
          pool: deployment.pool,
          chainId: deployment.chainId,
          issuers: issuerTrust.trustedIssuers,
          configured: ownRewards,
          now: () => Math.floor(Date.now() / 1000),
        }),
        masks: createMaskDesk({
          store: extraStore,
          signer,
          provider,
          merchantName: extra.name,
          registry: masks.registry,
          service: maskService.url,
          rewardToken: deployment.token,
          ...(options.merchantNow ? { now: options.merchantNow } : {}),
        }),
      });
      const served = await serveHttp({ app: extraApp, port });
      stops.push(served.close);
      merchants.push({
        id: extra.id,
        name: extra.name,
        address: await signer.getAddress(),
        service: served.url,
        page: '',
        operatorToken: token,
        campaignId: own.campaignId,
      });
    }

    if (snapshot && !saved) {
      await saveChainSnapshot(snapshot, provider, {
        ...deployment,
        masks,
        campaignId: campaign.campaignId.toString(),
        scope: campaign.scope.toString(),
        campaigns: moreCampaigns,
      });
    }

    const config: AppConfig = {
      solidServer: solid.baseUrl,
      merchantService: service.url,
      rpcUrl: anvil.rpcUrl,
      chainId: deployment.chainId,
      contracts: {
        token: deployment.token,
        pool: deployment.pool,
        registry: deployment.registry,
        verifier: deployment.verifier,
        maskRegistry: masks.registry,
      },
      campaignId: campaign.campaignId.toString(),
      maskService: maskService.url,
      issuers: [issuer.url],
      demo: {
        email: demoPerson.email,
        password: demoPerson.password,
        recoveryPhrase: DEMO_RECOVERY_PHRASE,
        operatorToken,
        merchants: merchants.map(({ id, name, service: url, operatorToken: token }) => ({
          id,
          name,
          service: url,
          operatorToken: token,
        })),
      },
    };
    const stateDir = options.dataDir ?? join(import.meta.dirname, '..', '..', '.cache');
    await mkdir(stateDir, { recursive: true });
    await writeFile(
      join(stateDir, 'deployment.json'),
      `${JSON.stringify(
        {
          ...deployment,
          masks,
          campaignId: config.campaignId,
          scope: campaign.scope.toString(),
          campaigns: moreCampaigns,
        },
        null,
        2,
      )}\n`,
    );

    let urls = {
      wallet: '',
      merchant: '',
      solid: solid.baseUrl,
      merchantService: service.url,
      rpc: anvil.rpcUrl,
      issuer: issuer.url,
      sandboxBank: issuer.sandboxBankUrl,
      maskService: maskService.url,
    };
    if (options.pages !== false) {
      step('starting the pages (Vite)');
      const configFile = join(stateDir, `app-config-${process.pid}.json`);
      await writeFile(configFile, JSON.stringify(config));
      stops.push(() => rm(configFile, { force: true }));
      const { startPages } = await import('./startPages.ts');
      const pages = await startPages({ port: pagesPort, configFile });
      stops.push(pages.stop);
      urls = { ...urls, wallet: pages.url, merchant: `${pages.url}merchant.html` };
      for (const merchant of merchants) merchant.page = `${pages.url}merchant.html?merchant=${merchant.id}`;
    }
    step('ready');
    return {
      urls,
      config,
      operatorToken,
      merchants,
      deployment,
      issuer: { loyaltyLogin: { ...DEMO_LOYALTY_LOGIN }, operatorToken: issuer.operatorToken },
      demo: {
        podUrl: account.podUrl,
        webId: account.webId,
        recipient,
        holderSecret,
        recoveryPhrase: DEMO_RECOVERY_PHRASE,
        login: { oidcIssuer: solid.baseUrl, clientId: account.clientId, clientSecret: account.clientSecret },
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The demo mask, "New cyclist", with DEMO_MASK_K − 1 seeded members (made-up identities). */
export const DEMO_MASK = {
  id: 'new-cyclist',
  name: 'New cyclist',
  description: 'Getting into cycling: first bike, first helmet, first rides.',
  tags: ['cycling', 'beginners'],
  k: DEFAULT_CHAIN_MASK_K,
} as const;

/**
 * The demo masks' relayer: anvil's funded account #5 (a public development key). It pays members'
 * gas and admits members of masks with admission after checking their proofs.
 */
export const MASK_RELAYER_PRIVATE_KEY = '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba';

/** The demo mask that asks for an admission proof (age ≥ 18 from the demo issuer), admitted by the relayer. */
export const DEMO_ADMISSION_MASK = {
  id: 'adult-cyclists',
  name: 'Adult cyclists',
  description: 'Cycling, for people who prove they are 18 or over.',
  tags: ['cycling'],
  k: DEFAULT_CHAIN_MASK_K,
} as const;

async function seedDemoMasks(params: { signer: NonceManager; registry: string; trustedIssuer: string }) {
  await createMaskOnChain({ signer: params.signer, registry: params.registry, mask: DEMO_MASK });
  for (let member = 1; member < DEMO_MASK.k; member++) {
    await joinMaskOnChain({
      signer: params.signer,
      registry: params.registry,
      maskId: DEMO_MASK.id,
      holderSecret: 9_000_000n + BigInt(member),
    });
  }
  await createMaskOnChain({
    signer: params.signer,
    registry: params.registry,
    mask: {
      ...DEMO_ADMISSION_MASK,
      admission: { predicates: [{ attribute: 'age', op: 'gte', value: 18 }], trustedIssuers: [params.trustedIssuer] },
    },
  });
}

/** The demo bike shop's Solid account (it appends requests to the inboxes people connect). */
const DEMO_SHOP_ACCOUNT = { email: 'shop@decdp.local', password: 'demo-shop-password-1', podName: 'demo-bike-shop' };

/** Creates a demo account once; with a data folder, reuses it across restarts. */
async function seedDemoAccount(params: {
  baseUrl: string;
  dataDir: string | undefined;
  file?: string;
  person?: { email: string; password: string; podName: string };
}) {
  const file = params.dataDir ? join(params.dataDir, params.file ?? 'demo-account.json') : undefined;
  if (file) {
    const saved = await readFile(file, 'utf8').catch(() => undefined);
    if (saved) return JSON.parse(saved) as Awaited<ReturnType<typeof createPodAccount>>;
  }
  const account = await createPodAccount({ baseUrl: params.baseUrl, ...(params.person ?? DEMO_PERSON) });
  if (file) await writeFile(file, JSON.stringify(account, null, 2));
  return account;
}

/** The deployment saved by an earlier start, if the (reloaded) chain still has its contracts. */
async function readSavedChain(file: string, provider: JsonRpcProvider) {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (!text) return null;
  const saved = JSON.parse(text) as Deployment & {
    campaignId?: string;
    scope?: string;
    /** The other merchants' campaigns, by merchant id. */
    campaigns?: Record<string, { campaignId: string; scope: string }>;
  };
  if (!saved.campaignId || !saved.scope) return null;
  if ((await provider.getCode(saved.pool)) === '0x') return null;
  return {
    deployment: saved as Deployment,
    masks: (saved as { masks?: MaskDeployment }).masks,
    campaignId: BigInt(saved.campaignId),
    scope: BigInt(saved.scope),
    campaigns: saved.campaigns ?? {},
  };
}

// Tests start many systems without a data folder (one per file that needs its own): the chain each
// deploys is the same (contracts, issuers, masks with their members, funded campaigns) but for the
// campaigns' random salts. So the first start saves it (anvil_dumpState, blocks and logs included,
// with the deployment) and later ones load it into their fresh anvil: some 35 transactions fewer
// each. The file's name hashes what the chain is made from, so a change to it makes a new one; a
// snapshot older than two hours is made again (its blocks, campaigns and masks keep their times).
const CHAIN_SNAPSHOT_MAX_AGE_MS = 2 * 3_600_000;

type SavedDeployment = Deployment & {
  masks: MaskDeployment;
  campaignId: string;
  scope: string;
  campaigns: Record<string, { campaignId: string; scope: string }>;
};

/** Where the chain snapshot for this code and campaign predicate lives (.cache/chain-<hash>.json). */
async function chainSnapshotFile(campaignPredicate: RequestPredicate): Promise<string> {
  const root = join(import.meta.dirname, '..', '..');
  const hash = createHash('sha256').update(JSON.stringify(campaignPredicate));
  for (const file of [
    'sdk/src/chain/contracts.generated.ts',
    'sdk/src/masks/chain/maskContracts.generated.ts',
    'sdk/src/testing/demo.ts',
    'scripts/system/startDemoIssuer.ts',
    'scripts/system/startSystem.ts',
    'node_modules/@foundry-rs/anvil/package.json',
  ]) {
    hash.update(await readFile(join(root, file)).catch(() => Buffer.from(file)));
  }
  return join(root, '.cache', `chain-${hash.digest('hex').slice(0, 16)}.json`);
}

/** Loads the snapshot into the (fresh) chain; null when there is none, it is too old or unreadable. */
async function loadChainSnapshot(file: string, provider: JsonRpcProvider) {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (!text) return null;
  const { savedAt, state, deployment } = JSON.parse(text) as {
    savedAt: number;
    state: string;
    deployment: SavedDeployment;
  };
  if (Date.now() - savedAt > CHAIN_SNAPSHOT_MAX_AGE_MS) return null;
  if (!(await provider.send('anvil_loadState', [state]))) return null;
  // The loaded head block has the snapshot's time; the pool judges a proof's age by the latest block.
  await provider.send('evm_mine', []);
  const { masks, campaignId, scope, campaigns, ...core } = deployment;
  return { deployment: core, masks, campaignId: BigInt(campaignId), scope: BigInt(scope), campaigns };
}

/** Writes the chain as it is now, with its deployment, for later starts (atomically: other processes read it). */
async function saveChainSnapshot(file: string, provider: JsonRpcProvider, deployment: SavedDeployment) {
  const state = (await provider.send('anvil_dumpState', [])) as string;
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(partial, JSON.stringify({ savedAt: Date.now(), state, deployment }));
  await rename(partial, file);
}
