import { ContractFactory, type Signer } from 'ethers';
import { InvalidInputError } from '../errors/index.ts';
import {
  CREDENTIAL_KEY_CEREMONY,
  CredentialVerifier,
  IssuerRegistry,
  PoseidonT5,
  PoseidonT6,
  RewardPool,
  RewardToken,
} from './contracts.generated.ts';
import { mined } from './mined.ts';

/** Where the contracts live on one chain: written by deployContracts' callers, read by the SDK. */
export type Deployment = {
  chainId: number;
  verifier: string;
  token: string;
  registry: string;
  pool: string;
  /** Block number of the first deployment transaction: where auditors start reading events. */
  fromBlock: number;
  /** Gas of each deployment transaction (verifier, token, registry, pool; `hashers`: the two
   * Poseidon libraries RewardPool links to, together). */
  gasUsed?: { verifier: string; token: string; registry: string; pool: string; hashers?: string };
};

/** Chains where a forgeable development key does no harm: anvil's and hardhat's default id. */
export const LOCAL_CHAIN_IDS: ReadonlySet<number> = new Set([31337]);

/** Writes each library's address into `bytecode` at the byte offsets the compiler left for it. */
export function linkBytecode(
  artifact: { bytecode: string; linkReferences: Readonly<Record<string, readonly number[]>> },
  addresses: Readonly<Record<string, string>>,
): string {
  let hex = artifact.bytecode.startsWith('0x') ? artifact.bytecode.slice(2) : artifact.bytecode;
  for (const [library, offsets] of Object.entries(artifact.linkReferences)) {
    const address = addresses[library];
    if (!address) throw new Error(`No address to link library ${library}.`);
    const bare = address.slice(2).toLowerCase();
    for (const offset of offsets) hex = hex.slice(0, offset * 2) + bare + hex.slice(offset * 2 + 40);
  }
  return `0x${hex}`;
}

/**
 * Deploys the credential verifier, the reward token, the issuer registry, the two Poseidon
 * libraries and the reward pool linked to them, in order. The signer owns the token and governs the
 * registry; the pool's default token is the reward token. Works against anvil or any RPC
 * (scripts/deploy-contracts.ts).
 * @example const deployment = await deployContracts({ signer: new Wallet(key, provider) });
 */
export async function deployContracts(params: {
  signer: Signer;
  /**
   * Deploy the development verification key on a chain that is not local anyway. Its toxic waste
   * is public (circuits/build.ts: beacon-only ceremony): anyone can forge proofs and drain every
   * campaign. Only for a shared test network where that is understood.
   */
  allowInsecureDevelopmentKey?: boolean;
}): Promise<Deployment> {
  const { signer } = params;
  const provider = signer.provider;
  if (!provider) throw new Error('deployContracts needs a signer connected to a provider.');
  const network = await provider.getNetwork();
  if (
    CREDENTIAL_KEY_CEREMONY === 'development' &&
    !LOCAL_CHAIN_IDS.has(Number(network.chainId)) &&
    !params.allowInsecureDevelopmentKey
  ) {
    throw new InvalidInputError(
      `Refusing to deploy the development verification key to chain ${network.chainId}: its toxic waste is public, so anyone could forge proofs and drain every campaign.`,
      {
        field: 'allowInsecureDevelopmentKey',
        hint: 'Run the production ceremony (docs/ceremony.md) and rebuild the contracts; for a throwaway test network only, pass --i-know-this-key-is-insecure.',
      },
    );
  }
  const fromBlock = await provider.getBlockNumber();
  const owner = await signer.getAddress();
  const deploy = async (artifact: { abi: readonly unknown[]; bytecode: string }, ...args: unknown[]) => {
    // ethers refuses unlinked bytecode, so a library left unlinked fails here, loudly.
    const contract = await new ContractFactory(artifact.abi as never, artifact.bytecode, signer).deploy(...args);
    const sent = contract.deploymentTransaction();
    const receipt = sent ? await mined(sent) : null;
    return { address: await contract.getAddress(), gas: (receipt?.gasUsed ?? 0n).toString() };
  };
  const verifier = await deploy(CredentialVerifier);
  const token = await deploy(RewardToken, owner);
  const registry = await deploy(IssuerRegistry, owner);
  const poseidonT5 = await deploy(PoseidonT5);
  const poseidonT6 = await deploy(PoseidonT6);
  const linked = linkBytecode(RewardPool, { PoseidonT5: poseidonT5.address, PoseidonT6: poseidonT6.address });
  const pool = await deploy(
    { abi: RewardPool.abi, bytecode: linked },
    verifier.address,
    registry.address,
    token.address,
  );
  return {
    chainId: Number(network.chainId),
    verifier: verifier.address,
    token: token.address,
    registry: registry.address,
    pool: pool.address,
    fromBlock: fromBlock + 1,
    gasUsed: {
      verifier: verifier.gas,
      token: token.gas,
      registry: registry.gas,
      pool: pool.gas,
      hashers: (BigInt(poseidonT5.gas) + BigInt(poseidonT6.gas)).toString(),
    },
  };
}

/** Checks a parsed deployment file (see chain/node/deploymentFile.ts); throws InvalidInputError naming the bad field. */
export function parseDeployment(data: Record<string, unknown>): Deployment {
  const address = (name: string) => {
    const value = data[name];
    if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(value)) {
      throw new InvalidInputError(`Deployment field '${name}' is not an address.`, { field: `deployment.${name}` });
    }
    return value;
  };
  const integer = (name: string) => {
    const value = data[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new InvalidInputError(`Deployment field '${name}' is not a non-negative integer.`, {
        field: `deployment.${name}`,
      });
    }
    return value;
  };
  return {
    chainId: integer('chainId'),
    verifier: address('verifier'),
    token: address('token'),
    registry: address('registry'),
    pool: address('pool'),
    fromBlock: integer('fromBlock'),
    ...(data.gasUsed ? { gasUsed: data.gasUsed as NonNullable<Deployment['gasUsed']> } : {}),
  };
}
