// `npm start`: the whole DeCDP system on loopback, state under ./data, until Ctrl-C.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from './system/freePort.ts';
import { type SystemPorts, startSystem } from './system/startSystem.ts';

const dataDir = join(import.meta.dirname, '..', 'data');
console.log('Starting DeCDP on loopback…');
const ports = await choosePorts(join(dataDir, 'ports.json'));
const system = await startSystem({ dataDir, ports, log: (line) => console.log(`  ${line}`) }).catch(
  (error: unknown) => {
    console.error(`\nDeCDP did not start: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`Ports in use are kept in ${join(dataDir, 'ports.json')}; delete ${dataDir} to start over.`);
    process.exit(1);
  },
);
const { urls, config } = system;
console.log(`
DeCDP is running.
  Wallet page:       ${urls.wallet}
  Merchant pages:    ${system.merchants.map((merchant) => `${merchant.name}: ${merchant.page}`).join('\n                     ')}
  Solid server:      ${urls.solid}   (demo login: ${config.demo?.email} / ${config.demo?.password})
  Demo wallet phrase: ${config.demo?.recoveryPhrase}
  Merchant services: ${system.merchants.map((merchant) => `${merchant.name}: ${merchant.service}`).join('\n                     ')}
  Chain (anvil):     ${urls.rpc}   (chain id ${config.chainId}; pool ${config.contracts.pool})
  Issuer service:    ${urls.issuer}   (bank, Ethereum, loyalty, pod profile; operator token ${system.issuer.operatorToken})
  Mask service:      ${urls.maskService}   (relayer and mask requests; checks every proof, trusted with nothing)
  PSD2 SANDBOX bank: ${urls.sandboxBank}   (made-up customers: alice / sandbox-alice, bram / sandbox-bram)
  Loyalty account:   ${system.issuer.loyaltyLogin.email} / ${system.issuer.loyaltyLogin.password}
State is kept in ${dataDir}. Press Ctrl-C to stop.`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await system.stop();
  console.log('Stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

/**
 * The first start picks free ports and saves them; later starts reuse them, because the pod's
 * URLs (the WebID too) contain the Solid server's port. DECDP_*_PORT variables override.
 */
async function choosePorts(file: string): Promise<SystemPorts> {
  const saved = JSON.parse((await readFile(file, 'utf8').catch(() => '{}')) || '{}') as Partial<SystemPorts>;
  const pick = async (name: keyof SystemPorts, variable: string) =>
    Number(process.env[variable]) || saved[name] || (await freePort());
  const ports: SystemPorts = {
    solid: await pick('solid', 'DECDP_SOLID_PORT'),
    pages: await pick('pages', 'DECDP_PAGES_PORT'),
    merchantService: await pick('merchantService', 'DECDP_MERCHANT_PORT'),
    rpc: await pick('rpc', 'DECDP_RPC_PORT'),
    issuer: await pick('issuer', 'DECDP_ISSUER_PORT'),
    sandboxBank: await pick('sandboxBank', 'DECDP_SANDBOX_BANK_PORT'),
  };
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, `${JSON.stringify(ports, null, 2)}\n`);
  return ports;
}
