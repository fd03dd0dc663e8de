import { ContractFactory, type Signer } from 'ethers';
import { InvalidInputError } from '../errors/index.ts';
import { CredentialVerifier, IssuerRegistry, RewardPool, RewardToken } from './contracts.generated.ts';

/** Where the contracts live on one chain: written by deployContracts' callers, read by the SDK. */
export type Deployment = {
  chainId: number;
  verifier: string;
  token: string;
  registry: string;
  pool: string;
  /** Block number of the first deployment transaction: where auditors start reading events. */
  fromBlock: number;
  /** Gas of each deployment transaction (verifier, token, registry, pool). */
  gasUsed?: { verifier: string; token: string; registry: string; pool: string };
};

/**
 * Deploys the credential verifier, the reward token, the issuer registry and the reward pool, in
 * order. The signer owns the token and governs the registry; the pool's default token is the
 * reward token. Works against anvil or any RPC (scripts/deploy-contracts.ts).
 * @example const deployment = await deployContracts({ signer: new Wallet(key, provider) });
 */
export async function deployContracts(params: { signer: Signer }): Promise<Deployment> {
  const { signer } = params;
  const provider = signer.provider;
  if (!provider) throw new Error('deployContracts needs a signer connected to a provider.');
  const fromBlock = await provider.getBlockNumber();
  const owner = await signer.getAddress();
  const deploy = async (artifact: { abi: readonly unknown[]; bytecode: string }, ...args: unknown[]) => {
    const contract = await new ContractFactory(artifact.abi as never, artifact.bytecode, signer).deploy(...args);
    const receipt = await contract.deploymentTransaction()?.wait();
    return { address: await contract.getAddress(), gas: (receipt?.gasUsed ?? 0n).toString() };
  };
  const verifier = await deploy(CredentialVerifier);
  const token = await deploy(RewardToken, owner);
  const registry = await deploy(IssuerRegistry, owner);
  const pool = await deploy(RewardPool, verifier.address, registry.address, token.address);
  const { chainId } = await provider.getNetwork();
  return {
    chainId: Number(chainId),
    verifier: verifier.address,
    token: token.address,
    registry: registry.address,
    pool: pool.address,
    fromBlock: fromBlock + 1,
    gasUsed: { verifier: verifier.gas, token: token.gas, registry: registry.gas, pool: pool.gas },
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
