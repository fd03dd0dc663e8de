// agent_answer_ms_median: the wallet agent as a real process (decdp-wallet-agent run, on Solid
// notifications of the pod inboxes), no browser: the merchant service delivers a signed request to
// the inbox the person opened for the shop (POST /requests/:id/deliveries) → the merchant service
// lists the recorded answer (GET /records). Covers the delivery, the notification and the inbox
// read, reading control, policies and credentials, the Node proof, the merchant's verification;
// the receipt write follows the record and is not counted. Each run's parts are logged from the
// agent's own lines (`arrived`, and `ms: …` on the answer).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decdpUrls, writeJsonDocument } from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import { startSystem } from '../scripts/system/startSystem.ts';
import {
  createMerchantRequest,
  deliverToInbox,
  recordsFor,
  setUpAgent,
  startAgentProcess,
} from '../test/integration/walletAgentProcess.ts';
import { log, median, round } from './stats.ts';

const PASSPHRASE = 'bench agent passphrase';

export async function measureAgent(params: { runs?: number } = {}): Promise<{ agent_answer_ms_median: number | null }> {
  const runs = params.runs ?? 5;
  log('agent: inbox delivery → answer recorded at the merchant (decdp-wallet-agent, no browser)');
  const dir = mkdtempSync(join(tmpdir(), 'decdp-agent-bench-'));
  const system = await startSystem({ pages: false, log: (line) => log(`  ${line}`) });
  const owner = await loginWithClientCredentials(system.demo.login);
  const files = await setUpAgent({ system, dir, passphrase: PASSPHRASE });
  const agent = startAgentProcess({ ...files, passphrase: PASSPHRASE, pollMs: 250 });
  try {
    const rule = {
      version: 1,
      id: 'bench-adult',
      effect: 'allow',
      label: 'Always prove I am an adult',
      attributes: ['age'],
      predicate: { op: 'gte', value: 18 },
      createdAt: new Date().toISOString(),
    };
    await writeJsonDocument({
      url: `${decdpUrls(system.demo.podUrl).policies}${rule.id}.json`,
      data: rule,
      fetch: owner.fetch,
    });
    await agent.waitForLine(/agent: watching/);
    const times: number[] = [];
    const parts: Record<string, number[]> = {};
    for (let run = 0; run <= runs; run++) {
      // No reward: a campaign pays a person once; the agent's path is the same without one.
      const signed = await createMerchantRequest(system, { predicates: [{ attribute: 'age', op: 'gte', value: 18 }] });
      const startedAt = Date.now();
      const started = performance.now();
      await deliverToInbox({ system, owner, signed });
      const deadline = Date.now() + 120_000;
      while ((await recordsFor(system, signed.request.id)).length === 0) {
        if (Date.now() > deadline) throw new Error(`no answer in 120 s:\n${agent.lines.join('\n')}`);
        // 120 ms: under the merchant's rate limit (600 a minute per client).
        await new Promise((resolve) => setTimeout(resolve, 120));
      }
      const elapsed = performance.now() - started;
      if (run > 0) times.push(elapsed);
      const arrived = await agent.waitForLine(new RegExp(`inbox: request ${signed.request.id} .* arrived`));
      const answered = await agent.waitForLine(new RegExp(`request ${signed.request.id} .* answered`));
      // The agent's lines start with their time: delivery → the inbox read that saw it.
      const runParts: Record<string, number> = {
        'delivery+notification+inbox read': Date.parse(arrived.split(' ')[0] ?? '') - startedAt,
      };
      for (const [, name, ms] of (/ms: (.*)\)$/.exec(answered)?.[1] ?? '').matchAll(/([a-z+-]+) (\d+)/g)) {
        if (name !== 'receipts') runParts[name ?? ''] = Number(ms);
      }
      const proved = agent.lines.find((line) => line.includes(`request ${signed.request.id} proved in`)) ?? '';
      // The whole proof (made ahead while the pod was read, or after it).
      runParts['whole proof'] = Number(/proved in (\d+) ms/.exec(proved)?.[1] ?? Number.NaN);
      if (run > 0) {
        for (const [name, ms] of Object.entries(runParts)) parts[name] = [...(parts[name] ?? []), ms];
      }
      log(
        `  agent answer ${run === 0 ? 'warm-up' : `run ${run}`}: ${Math.round(elapsed)} ms (${Object.entries(runParts)
          .map(([name, ms]) => `${name} ${ms}`)
          .join(', ')})`,
      );
    }
    log(
      `  medians: ${Object.entries(parts)
        .map(([name, values]) => `${name} ${round(median(values))} ms`)
        .join(', ')}`,
    );
    return { agent_answer_ms_median: round(median(times)) };
  } finally {
    await agent.stop();
    await owner.logout();
    await system.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx node bench/agent.ts [runs]`: this figure alone, JSON on stdout.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 5);
  process.stdout.write(`${JSON.stringify(await measureAgent({ runs }))}\n`);
  process.exit(0);
}
