// Deploys DeCDP's contracts (CredentialVerifier, RewardToken, IssuerRegistry, RewardPool) and the
// mask contracts (PoseidonT3, SemaphoreVerifier, Semaphore v4, MaskRegistry: docs/masks.md) to any
// EVM RPC and writes the addresses to deployments/<chainId>.json, the file the SDK reads
// (readDeployment in sdk/src/chain/node/deploymentFile.ts; the mask addresses are its `masks` key).
//
//   DECDP_RPC_URL=https://rpc.example DECDP_DEPLOYER_KEY=0x... npm run deploy:contracts
//   npm run deploy:contracts -- --local      # a throwaway anvil (file in .cache/deployments/)
//
// The committed verification key comes from a development ceremony whose toxic waste is public:
// on any chain but a local one (31337) the deployment is refused unless
// `--i-know-this-key-is-insecure` is given (a shared test network where forged proofs cost nothing).
// For real money, run the production ceremony first (docs/ceremony.md).
//
// The deployer owns the reward token and governs the issuer registry (hand it over with
// transferOwnership + acceptOwnership: Ownable2Step).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Deployment, deployContracts } from '@decdp/sdk/chain';
import { writeDeployment } from '@decdp/sdk/chain/node';
import { deployMaskContracts, type MaskDeployment } from '@decdp/sdk/masks';
import { JsonRpcProvider, NonceManager, Wallet } from 'ethers';

/** The loudly named flag that lets the development verification key onto a non-local chain. */
export const INSECURE_FLAG = '--i-know-this-key-is-insecure';

/** anvil's first well-known development key: never use it on a real chain. */
const ANVIL_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

export async function deployToRpc(params: {
  rpcUrl: string;
  privateKey: string;
  outDir?: string;
  allowInsecureDevelopmentKey?: boolean;
}): Promise<{ deployment: Deployment & { masks: MaskDeployment }; file: string }> {
  const provider = new JsonRpcProvider(params.rpcUrl, undefined, { pollingInterval: 200 });
  try {
    const signer = new NonceManager(new Wallet(params.privateKey, provider));
    const core = await deployContracts({
      signer,
      allowInsecureDevelopmentKey: params.allowInsecureDevelopmentKey ?? false,
    });
    // The mask contracts use Semaphore's own verification keys (PSE ceremony) for contributions, and
    // DeCDP's credential key and IssuerRegistry for admissions.
    const deployment = { ...core, masks: await deployMaskContracts({ signer, issuerRegistry: core.registry }) };
    const outDir = params.outDir ?? join(import.meta.dirname, '..', 'deployments');
    await mkdir(outDir, { recursive: true });
    const file = join(outDir, `${deployment.chainId}.json`);
    await writeDeployment({ file, deployment });
    return { deployment, file };
  } finally {
    provider.destroy();
  }
}

if (import.meta.main) {
  if (process.argv.includes('--local')) {
    const { startAnvil } = await import('./system/startAnvil.ts');
    const anvil = await startAnvil();
    try {
      const outDir = join(import.meta.dirname, '..', '.cache', 'deployments');
      const { deployment, file } = await deployToRpc({ rpcUrl: anvil.rpcUrl, privateKey: ANVIL_KEY, outDir });
      console.log(JSON.stringify({ file, ...deployment }, null, 2));
    } finally {
      await anvil.stop();
    }
  } else {
    const rpcUrl = process.env.DECDP_RPC_URL;
    const privateKey = process.env.DECDP_DEPLOYER_KEY;
    if (!rpcUrl || !privateKey) {
      console.error('Set DECDP_RPC_URL and DECDP_DEPLOYER_KEY (or pass --local for a throwaway anvil).');
      process.exit(2);
    }
    const outDir = process.env.DECDP_DEPLOYMENT_DIR;
    const allowInsecureDevelopmentKey = process.argv.includes(INSECURE_FLAG);
    if (allowInsecureDevelopmentKey) {
      console.warn(
        `WARNING ${INSECURE_FLAG}: deploying the DEVELOPMENT verification key. Its toxic waste is public: anyone can forge proofs and claim every reward. Never fund real campaigns on this deployment.`,
      );
    }
    try {
      const { deployment, file } = await deployToRpc({
        rpcUrl,
        privateKey,
        allowInsecureDevelopmentKey,
        ...(outDir ? { outDir } : {}),
      });
      console.log(`deployed to chain ${deployment.chainId}; addresses in ${file}`);
    } catch (error) {
      const hint = (error as { hint?: string }).hint;
      console.error(`${(error as Error).message}${hint ? `\n${hint}` : ''}`);
      process.exit(1);
    }
  }
}
