// Does the chain check proofs with the committed verification key? checkCircuitKeys ties the key
// to the circuit; this ties the deployed contracts to the key. Every number of the key (α, β, γ,
// δ and the IC points) is a constant of the generated verifier, so it stands in the deployed
// code as a PUSH operand — in the CredentialVerifier (batched claims) and in the RewardPool
// (single claims are checked inline) — and the pool must name that verifier. A contract built
// from another key lacks the key's numbers: 2^-254 of a chance per number to hold one by accident.
import { getAddress, type Provider } from 'ethers';
import { connectRewardPool } from '../chain/contracts.generated.ts';
import type { Deployment } from '../chain/deployContracts.ts';
import { verifierKeyConstants } from '../chain/verifierKeyConstants.ts';
import type { VerificationKey } from '../zk/groth16.ts';
import { type AuditReport, type Finding, report } from './findings.ts';

export type CheckDeployedKeyParameters = {
  provider: Provider;
  /** Where the verifier and the pool are (deployments/<chainId>.json). */
  deployment: Pick<Deployment, 'verifier' | 'pool'>;
  /** The committed key (circuits/build/credential.vkey.json), checked by checkCircuitKeys. */
  verificationKey: VerificationKey;
};

/**
 * @example
 * const audit = await checkDeployedKey({ provider, deployment: readDeployment(file), verificationKey });
 * if (!audit.ok) console.log(audit.findings);
 * @since 0.2.0
 */
export async function checkDeployedKey(params: CheckDeployedKeyParameters): Promise<AuditReport> {
  const { provider, deployment } = params;
  const numbers = verifierKeyConstants(params.verificationKey);
  const findings: Finding[] = [];
  for (const [contract, address] of [
    ['CredentialVerifier', deployment.verifier],
    ['RewardPool', deployment.pool],
  ] as const) {
    const code = (await provider.getCode(address)).toLowerCase();
    if (code === '0x') {
      findings.push({
        code: 'NO_CONTRACT_CODE',
        severity: 'error',
        message: `No contract is deployed at the ${contract} address.`,
        where: address,
      });
      continue;
    }
    const missing = numbers.filter(({ value }) => !code.includes(pushOf(value)));
    if (missing.length > 0) {
      findings.push({
        code: 'DEPLOYED_KEY_MISMATCH',
        severity: 'error',
        message: `The deployed ${contract} lacks ${missing.length} of the ${numbers.length} numbers of the committed verification key (${missing
          .slice(0, 4)
          .map(({ name }) => name)
          .join(', ')}${missing.length > 4 ? ', …' : ''}): it checks proofs with another key.`,
        where: address,
      });
    }
  }
  if (findings.length === 0) {
    const named = await connectRewardPool(deployment.pool, provider).verifier();
    if (getAddress(named) !== getAddress(deployment.verifier)) {
      findings.push({
        code: 'POOL_VERIFIER_MISMATCH',
        severity: 'error',
        message: `The pool batches claims through ${named}, not the deployment's verifier.`,
        where: deployment.pool,
      });
    }
  }
  return report('deployed verification key', 2 * numbers.length + 1, findings);
}

/** PUSHn followed by the value's n big-endian bytes (no leading zero byte), as hex. */
function pushOf(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return (0x5f + hex.length / 2).toString(16) + hex;
}
