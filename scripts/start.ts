// `npm start`: the whole DeCDP system on loopback, state under ./data, until Ctrl-C.
import { join } from 'node:path';
import { startSystem } from './system/startSystem.ts';

const dataDir = join(import.meta.dirname, '..', 'data');
console.log('Starting DeCDP on loopback…');
const system = await startSystem({ dataDir, log: (line) => console.log(`  ${line}`) });
const { urls, config } = system;
console.log(`
DeCDP is running.
  Wallet page:       ${urls.wallet}
  Merchant page:     ${urls.merchant}
  Solid server:      ${urls.solid}   (demo login: ${config.demo?.email} / ${config.demo?.password})
  Merchant service:  ${urls.merchantService}
  Chain (anvil):     ${urls.rpc}   (chain id ${config.chainId}; pool ${config.contracts.pool})
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
