// Node-only: deployment files on disk (deployments/<chainId>.json), written by
// scripts/deploy-contracts.ts and read by anything that talks to a deployed DeCDP.
import { readFile, writeFile } from 'node:fs/promises';
import { type Deployment, parseDeployment } from '../deployContracts.ts';

/** Writes a deployment as JSON. */
export async function writeDeployment(params: { file: string; deployment: Deployment }): Promise<void> {
  await writeFile(params.file, `${JSON.stringify(params.deployment, null, 2)}\n`);
}

/**
 * Reads and checks a deployment file.
 * @example const { pool, token } = await readDeployment({ file: 'deployments/31337.json' });
 */
export async function readDeployment(params: { file: string }): Promise<Deployment> {
  return parseDeployment(JSON.parse(await readFile(params.file, 'utf8')) as Record<string, unknown>);
}
