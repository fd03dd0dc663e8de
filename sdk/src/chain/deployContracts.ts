import { ContractFactory, type Signer } from 'ethers';
import { Groth16Verifier, IssuerRegistry, RewardPool, RewardToken } from './contracts.generated.ts';

export type Deployment = {
  chainId: number;
  verifier: string;
  token: string;
  registry: string;
  pool: string;
  /** Block number of the first deployment transaction: where auditors start reading events. */
  fromBlock: number;
};

/**
 * Deploys the verifier, the reward token, the issuer registry and the reward pool, in order.
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
    await contract.waitForDeployment();
    return contract.getAddress();
  };
  const verifier = await deploy(Groth16Verifier);
  const token = await deploy(RewardToken, owner);
  const registry = await deploy(IssuerRegistry, owner);
  const pool = await deploy(RewardPool, verifier, registry);
  const { chainId } = await provider.getNetwork();
  return { chainId: Number(chainId), verifier, token, registry, pool, fromBlock: fromBlock + 1 };
}
