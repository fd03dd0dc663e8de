// Shared steps of the wallet-agent tests and bench: the agent as a real process (the bin), its
// credentials made through the Solid server's account API, requests delivered to the person's pod
// inbox by the merchant service itself (the person connected the shop; POST /requests/:id/deliveries).
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClientCredentials, listMerchantInboxes } from '@decdp/sdk/pod';
import type { PodSession } from '@decdp/sdk/pod/node';
import type { SignedRequest } from '@decdp/sdk/protocol';
import { connectMerchant, createAgentSetup } from '@decdp/sdk/wallet';
import type { System } from '../../scripts/system/startSystem.ts';

export const AGENT_CLI = join(import.meta.dirname, '..', '..', 'sdk', 'src', 'wallet', 'agent', 'cli.ts');

/** Agent credentials for the demo person, and a setup file sealed under `passphrase`. */
export async function setUpAgent(params: {
  system: System;
  dir: string;
  passphrase: string;
  /** The chain as the agent reaches it (default the system's node). */
  rpcUrl?: string;
  /** Names the setup and journal files (default `agent`). */
  name?: string;
}) {
  const { system } = params;
  const credentials = await createClientCredentials({
    baseUrl: system.urls.solid,
    email: system.config.demo?.email ?? '',
    password: system.config.demo?.password ?? '',
    webId: system.demo.webId,
    name: 'decdp-wallet-agent',
  });
  const setup = await createAgentSetup({
    webId: system.demo.webId,
    podUrl: system.demo.podUrl,
    oidcIssuer: system.urls.solid,
    recipient: system.demo.recipient,
    holderSecret: system.demo.holderSecret,
    clientId: credentials.id,
    clientSecret: credentials.secret,
    passphrase: params.passphrase,
    chain: {
      rpcUrl: params.rpcUrl ?? system.urls.rpc,
      chainId: system.deployment.chainId,
      pool: system.deployment.pool,
    },
  });
  const name = params.name ?? 'agent';
  const setupPath = join(params.dir, `${name}.json`);
  await writeFile(setupPath, `${JSON.stringify(setup, null, 2)}\n`, { mode: 0o600 });
  return { credentials, setup, setupPath, journalPath: join(params.dir, `${name}.journal`) };
}

export type AgentProcess = {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first line matching, or rejects after `timeoutMs`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
};

export function startAgentProcess(params: {
  setupPath: string;
  journalPath: string;
  passphrase: string;
  pollMs?: number;
  credentialCheckMs?: number;
  env?: Record<string, string>;
}): AgentProcess {
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      AGENT_CLI,
      'run',
      '--setup',
      params.setupPath,
      '--journal',
      params.journalPath,
      '--poll-ms',
      String(params.pollMs ?? 250),
      '--credential-check-ms',
      String(params.credentialCheckMs ?? 60_000),
      '--claim-retry-ms',
      '500',
      '--max-backoff-ms',
      '2000',
    ],
    { env: { ...process.env, DECDP_AGENT_PASSPHRASE: params.passphrase, ...params.env }, stdio: 'pipe' },
  );
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onText = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (process.env.DECDP_AGENT_TEST_LOG) console.log(`[agent] ${line}`);
      for (const waiter of [...waiters]) {
        if (waiter.pattern.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  };
  child.stdout.on('data', onText);
  child.stderr.on('data', onText);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitForLine(pattern, timeoutMs = 60_000) {
      const seen = lines.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no agent line matching ${pattern} in ${timeoutMs} ms:\n${lines.join('\n')}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A signed request from the demo merchant (POST /requests, an operator route). */
export async function createMerchantRequest(system: System, body: Record<string, unknown>): Promise<SignedRequest> {
  const response = await fetch(`${system.urls.merchantService}requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${system.operatorToken}` },
    body: JSON.stringify({ purpose: { code: 'test', text: 'Agent test' }, retentionDays: 30, ...body }),
  });
  if (response.status !== 201) throw new Error(`POST /requests: ${response.status} ${await response.text()}`);
  return (await response.json()) as SignedRequest;
}

/** "Connect this shop" for the demo person and the demo bike shop, once: the shop gets its own inbox. */
export async function connectDemoShop(params: { system: System; owner: PodSession }): Promise<void> {
  const { system, owner } = params;
  const shop = system.merchants[0]?.address;
  const open = await listMerchantInboxes({ podUrl: system.demo.podUrl, fetch: owner.fetch });
  if (open.some((box) => box.merchant.address === shop)) return;
  await connectMerchant({
    merchantUrl: system.urls.merchantService,
    podUrl: system.demo.podUrl,
    webId: system.demo.webId,
    fetch: owner.fetch,
  });
}

/**
 * The merchant service delivers the request to the inboxes people connected (POST
 * /requests/:id/deliveries, with the shop's own Solid login); the demo person is connected first.
 */
export async function deliverToInbox(params: { system: System; owner: PodSession; signed: SignedRequest }) {
  await connectDemoShop(params);
  const response = await fetch(
    `${params.system.urls.merchantService}requests/${encodeURIComponent(params.signed.request.id)}/deliveries`,
    { method: 'POST', headers: { authorization: `Bearer ${params.system.operatorToken}` } },
  );
  const report = (await response.json()) as { delivered: number };
  if (response.status !== 200 || report.delivered < 1) {
    throw new Error(`POST /requests/:id/deliveries: ${response.status} ${JSON.stringify(report)}`);
  }
}

/** A request from the demo merchant, delivered to the person's pod inbox. */
export async function deliverRequest(params: {
  system: System;
  owner: PodSession;
  body: Record<string, unknown>;
}): Promise<SignedRequest> {
  const signed = await createMerchantRequest(params.system, params.body);
  await deliverToInbox({ ...params, signed });
  return signed;
}

/** The merchant's light records for one request (GET /records, an operator route). */
export async function recordsFor(system: System, requestId: string): Promise<unknown[]> {
  const response = await fetch(`${system.urls.merchantService}records`, {
    headers: { authorization: `Bearer ${system.operatorToken}` },
  });
  if (response.status !== 200) throw new Error(`GET /records: ${response.status} ${await response.text()}`);
  const records = (await response.json()) as { requestId: string }[];
  return records.filter((record) => record.requestId === requestId);
}
