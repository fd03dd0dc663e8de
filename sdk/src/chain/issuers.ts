// IssuerRegistry actions: admit an issuer (governance), rotate or revoke a key, ask whether a key is trusted.
import { type ContractRunner, Interface, type Signer } from 'ethers';
import { mined } from './campaigns.ts';
import { connectIssuerRegistry, IssuerRegistry } from './contracts.generated.ts';
import { decodeChainError } from './decodeChainError.ts';

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
  const registry = connectIssuerRegistry(params.registry, params.signer);
  try {
    const args = [
      params.issuerId,
      params.issuerKeyHash,
      params.publicKey.x,
      params.publicKey.y,
      params.graceSeconds,
    ] as const;
    await registry.rotateKey.staticCall(...args);
    return { txHash: (await mined(registry.rotateKey(...args))).hash };
  } catch (error) {
    throw decodeChainError(error, registryInterface, 'Rotating the issuer key');
  }
}

/** Revokes a key for good (its issuer's admin or the owner). */
export async function revokeIssuerKey(params: {
  signer: Signer;
  registry: string;
  issuerKeyHash: bigint;
}): Promise<{ txHash: string }> {
  const registry = connectIssuerRegistry(params.registry, params.signer);
  try {
    await registry.revokeKey.staticCall(params.issuerKeyHash);
    return { txHash: (await mined(registry.revokeKey(params.issuerKeyHash))).hash };
  } catch (error) {
    throw decodeChainError(error, registryInterface, 'Revoking the issuer key');
  }
}

/** Whether proofs from this key are paid now. */
export async function isIssuerTrusted(params: {
  runner: ContractRunner;
  registry: string;
  issuerKeyHash: bigint;
}): Promise<boolean> {
  return connectIssuerRegistry(params.registry, params.runner).isTrusted(params.issuerKeyHash);
}
