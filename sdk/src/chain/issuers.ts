// IssuerRegistry actions: admit an issuer (governance), rotate or revoke a key, ask whether a key is trusted.
import { type ContractRunner, Interface, type Signer } from 'ethers';
import { simulateAndSend } from './campaigns.ts';
import { connectIssuerRegistry, IssuerRegistry } from './contracts.generated.ts';
import { decodeChainError } from './decodeChainError.ts';
import { mined } from './mined.ts';

const registryInterface = new Interface(IssuerRegistry.abi as never);

/** Admits an issuer with its Baby Jubjub key (registry owner only); returns the issuer id. */
export async function registerIssuer(params: {
  signer: Signer;
  registry: string;
  /** The issuer's own account (rotates keys, revokes them, publishes revocations); default: the signer. */
  admin?: string;
  name: string;
  issuerKeyHash: bigint;
  publicKey: { x: bigint; y: bigint };
}): Promise<{ issuerId: bigint; txHash: string }> {
  const registry = connectIssuerRegistry(params.registry, params.signer);
  try {
    const admin = params.admin ?? (await params.signer.getAddress());
    const { x, y } = params.publicKey;
    const issuerId = await registry.registerIssuer.staticCall(admin, params.name, params.issuerKeyHash, x, y);
    const receipt = await mined(registry.registerIssuer(admin, params.name, params.issuerKeyHash, x, y));
    return { issuerId, txHash: receipt.hash };
  } catch (error) {
    throw decodeChainError(error, registryInterface, 'Registering the issuer');
  }
}

/** Replaces an issuer's key; the old one stays trusted for `graceSeconds` (issuer admin or owner). */
export async function rotateIssuerKey(params: {
  signer: Signer;
  registry: string;
  issuerId: bigint;
  issuerKeyHash: bigint;
  publicKey: { x: bigint; y: bigint };
  graceSeconds: number;
}): Promise<{ txHash: string }> {
  const { rotateKey } = connectIssuerRegistry(params.registry, params.signer);
  const { issuerId, issuerKeyHash, publicKey, graceSeconds } = params;
  const receipt = await simulateAndSend(rotateKey, [issuerId, issuerKeyHash, publicKey.x, publicKey.y, graceSeconds], {
    abi: registryInterface,
    action: 'Rotating the issuer key',
  });
  return { txHash: receipt.hash };
}

/** Revokes a key for good (its issuer's admin or the owner). */
export async function revokeIssuerKey(params: {
  signer: Signer;
  registry: string;
  issuerKeyHash: bigint;
}): Promise<{ txHash: string }> {
  const { revokeKey } = connectIssuerRegistry(params.registry, params.signer);
  const action = 'Revoking the issuer key';
  return {
    txHash: (await simulateAndSend(revokeKey, [params.issuerKeyHash], { abi: registryInterface, action })).hash,
  };
}

/** Whether proofs from this key are paid now. */
export async function isIssuerTrusted(params: {
  runner: ContractRunner;
  registry: string;
  issuerKeyHash: bigint;
}): Promise<boolean> {
  return connectIssuerRegistry(params.registry, params.runner).isTrusted(params.issuerKeyHash);
}
