// Setting up the wallet agent from the page: client credentials for the person's WebID through the
// Solid server's account API, the setup file with the holder secret and the client secret sealed
// under the agent passphrase (never shown, never stored in the clear), and the control document
// in the pod (/decdp/agent.json) through which the page pauses or removes it.
import { createClientCredentials, type PodFetch } from '@decdp/sdk/pod';
import {
  type AgentControl,
  type AgentSetup,
  assertPassphrase,
  createAgentSetup,
  saveAgentControl,
} from '@decdp/sdk/wallet';
import type { AppConfig } from '../../shared/config.ts';
import type { UnlockedWallet } from '../pod.ts';

/** The Solid server's base (its account API and token issuer) for a WebID on it. */
export const solidBaseOf = (webId: string) => `${new URL(webId).origin}/`;

export async function setUpWalletAgent(params: {
  config: AppConfig;
  webId: string;
  podUrl: string;
  fetch: PodFetch;
  wallet: UnlockedWallet;
  email: string;
  password: string;
  passphrase: string;
}): Promise<{ setup: AgentSetup; control: AgentControl }> {
  assertPassphrase(params.passphrase);
  const solidBase = solidBaseOf(params.webId);
  const credentials = await createClientCredentials({
    baseUrl: solidBase,
    email: params.email,
    password: params.password,
    webId: params.webId,
    name: 'decdp-wallet-agent',
  });
  const setup = await createAgentSetup({
    webId: params.webId,
    podUrl: params.podUrl,
    oidcIssuer: solidBase,
    recipient: params.wallet.recipient,
    holderSecret: params.wallet.holderSecret,
    clientId: credentials.id,
    clientSecret: credentials.secret,
    passphrase: params.passphrase,
    chain: { rpcUrl: params.config.rpcUrl, chainId: params.config.chainId, pool: params.config.contracts.pool },
  });
  const control: AgentControl = {
    version: 1,
    clientId: credentials.id,
    resource: credentials.resource,
    createdAt: new Date().toISOString(),
    paused: false,
  };
  await saveAgentControl({ podUrl: params.podUrl, control, fetch: params.fetch });
  return { setup, control };
}
