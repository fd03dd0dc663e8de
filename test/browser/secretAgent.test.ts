// The wallet agent as the person reaches it: Settings → "Wallet agent" creates its credentials
// (the Solid server's account API, from the page) and a setup file whose secrets are sealed; the
// agent process started with that file answers a request the policies allow while the page is
// closed; the page shows what it answered, pauses it, and removes it — and the removed agent
// stops with AGENT_LOGIN_REFUSED.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decdpUrls, writeJsonDocument } from '@decdp/sdk/pod';
import { loginWithClientCredentials, type PodSession } from '@decdp/sdk/pod/node';
import { readAgentControl } from '@decdp/sdk/wallet';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { type AgentProcess, deliverRequest, recordsFor, startAgentProcess } from '../integration/walletAgentProcess.ts';
import { sharedSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { logInDemo, screenshotOf } from './walletPage.ts';

const AGENT_PASSPHRASE = 'the agent box passphrase';
const dir = mkdtempSync(join(tmpdir(), 'decdp-agent-page-'));
let system: System;
let browser: Browser;
let owner: PodSession;
let page: Page;
let agent: AgentProcess | undefined;

beforeAll(async () => {
  system = await sharedSystem();
  browser = await launchChromium();
  owner = await loginWithClientCredentials(system.demo.login);
  await writeJsonDocument({
    url: `${decdpUrls(system.demo.podUrl).policies}adult.json`,
    data: {
      version: 1,
      id: 'adult',
      effect: 'allow',
      label: 'Always prove I am an adult',
      attributes: ['age'],
      predicate: { op: 'gte', value: 18 },
      createdAt: new Date().toISOString(),
    },
    fetch: owner.fetch,
  });
});
afterAll(async () => {
  await agent?.stop();
  await owner?.logout();
  await browser?.close();
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Settings → Wallet agent', () => {
  it('sets the agent up from the page, and the agent answers by the settings with the page closed', async () => {
    page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await logInDemo(page, system);
    await page.getByTestId('nav-settings').click();
    const settings = page.getByTestId('agent-settings');
    await settings.waitFor();
    await page.getByTestId('agent-email').fill(system.config.demo?.email ?? '');
    await page.getByTestId('agent-password').fill(system.config.demo?.password ?? '');
    await page.getByTestId('agent-passphrase').fill(AGENT_PASSPHRASE);
    await page.getByTestId('agent-create-button').click();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('agent-setup-download').click({ timeout: 60_000 }),
    ]);
    const setupPath = join(dir, 'agent.json');
    await download.saveAs(setupPath);
    const setupText = readFileSync(setupPath, 'utf8');
    expect(JSON.parse(setupText)).toMatchObject({ type: 'decdp.wallet-agent', webId: system.demo.webId });
    expect(setupText).not.toContain(system.demo.holderSecret.toString());
    expect(setupText).not.toContain(system.demo.recoveryPhrase.split(' ').slice(0, 3).join(' '));
    expect(await readAgentControl({ podUrl: system.demo.podUrl, fetch: owner.fetch })).toMatchObject({
      paused: false,
    });
    await screenshotOf(settings, 'settings-agent');
    await page.close();

    // The page is closed: the agent answers alone.
    agent = startAgentProcess({
      setupPath,
      journalPath: join(dir, 'agent.journal'),
      passphrase: AGENT_PASSPHRASE,
      credentialCheckMs: 1_000,
    });
    await agent.waitForLine(/agent: started/);
    const signed = await deliverRequest({
      system,
      owner,
      body: { predicates: [{ attribute: 'age', op: 'gte', value: 18 }], reward: true },
    });
    await agent.waitForLine(new RegExp(`request ${signed.request.id} .* answered.*reward paid in 0x`), 120_000);
    expect(await recordsFor(system, signed.request.id)).toHaveLength(1);

    // Back in the wallet: what the agent answered is listed.
    page = await browser.newPage();
    await logInDemo(page, system);
    await page.getByTestId('nav-settings').click();
    await page.locator(`[data-testid="agent-answer"][data-request-id="${signed.request.id}"]`).waitFor();
  });

  it('pauses the agent from the page, and removes it: its credentials are deleted and it stops', async () => {
    await page.getByTestId('agent-pause-button').click();
    await page.locator('[data-testid="agent-state"][data-paused="true"]').waitFor();
    await agent?.waitForLine(/paused by the wallet/);
    const held = await deliverRequest({
      system,
      owner,
      body: { predicates: [{ attribute: 'age', op: 'gte', value: 18 }] },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await recordsFor(system, held.request.id)).toEqual([]);

    await page.getByTestId('agent-remove-email').fill(system.config.demo?.email ?? '');
    await page.getByTestId('agent-remove-password').fill(system.config.demo?.password ?? '');
    await page.getByTestId('agent-remove-button').click();
    await page.getByTestId('agent-create-button').waitFor({ timeout: 60_000 });
    expect(await readAgentControl({ podUrl: system.demo.podUrl, fetch: owner.fetch })).toMatchObject({
      paused: true,
      removedAt: expect.any(String),
    });
    await expect(agent?.exited).resolves.toBe(3);
    expect(agent?.lines.join('\n')).toMatch(/agent: stopped: AGENT_LOGIN_REFUSED/);
    expect(await recordsFor(system, held.request.id)).toEqual([]);
  });
});
