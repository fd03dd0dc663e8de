// The project's running system, shared by its test files (started once by systemBroker.ts), with a
// person of this file's own: a fresh account, pod and wallet with the demo person's credentials
// under another recovery phrase. So what one file leaves in the person's pod (settings, receipts,
// backups, inbox) or on the chain (one reward per person and campaign) never meets another file.
// What stays shared is the merchants' stores, the offer desk and the chain: assert on your own
// requests and records, or count from what was there before.
//
// A file that counts merchant-wide totals, moves a clock or reconfigures the system starts a system
// of its own with startOwnSystem(): its own chain, contracts, merchants, issuer and pages, on the
// project's one Solid server (accounts with fresh names), which saves the Solid server's start-up.
import { randomBytes } from 'node:crypto';
import { createRecoveryPhrase } from '@decdp/sdk/wallet';
import { inject } from 'vitest';
import { seedPerson } from '../../scripts/system/seedPerson.ts';
import type { SolidServer } from '../../scripts/system/startSolidServer.ts';
import { type StartSystemOptions, type System, startSystem } from '../../scripts/system/startSystem.ts';
import { fromWire } from './wire.ts';

/**
 * The shared system as `startSystem()` would return it, its `demo` (and `config.demo`'s login) a
 * new person's; stop() does nothing (the system stops after the project's last file).
 */
export async function sharedSystem(): Promise<System> {
  const response = await fetch(inject('decdpSystemBroker'));
  if (!response.ok) throw new Error(`The shared system did not start:\n${await response.text()}`);
  const shared = fromWire(await response.text());
  const name = `person-${randomBytes(6).toString('hex')}`;
  const person = { email: `${name}@decdp.test`, password: `${name}-password`, podName: name };
  const recoveryPhrase = createRecoveryPhrase();
  const { account, keys } = await seedPerson({ solidUrl: shared.urls.solid, person, recoveryPhrase });
  return {
    ...shared,
    config: {
      ...shared.config,
      ...(shared.config.demo
        ? { demo: { ...shared.config.demo, email: person.email, password: person.password, recoveryPhrase } }
        : {}),
    },
    demo: {
      ...shared.demo,
      podUrl: account.podUrl,
      webId: account.webId,
      recipient: keys.recipient,
      holderSecret: keys.holderSecret,
      recoveryPhrase,
      login: { oidcIssuer: shared.urls.solid, clientId: account.clientId, clientSecret: account.clientSecret },
    },
    stop: async () => {},
  };
}

/**
 * The project's one Solid server (started by systemBroker.ts on the first request): for a file that
 * needs only a Solid server, with accounts of names no other file uses. stop() does nothing.
 */
export async function sharedSolidServer(): Promise<SolidServer> {
  const response = await fetch(new URL('solid', inject('decdpSystemBroker')));
  if (!response.ok) throw new Error(`The shared Solid server did not start:\n${await response.text()}`);
  const { baseUrl } = (await response.json()) as { baseUrl: string };
  return { baseUrl, port: Number(new URL(baseUrl).port), stop: async () => {} };
}

/**
 * `startSystem(options)` of this file's own, on the project's shared Solid server: its demo person
 * and shop have accounts with fresh names there; stop() stops everything but that server.
 */
export async function startOwnSystem(options: Omit<StartSystemOptions, 'solidServer'> = {}): Promise<System> {
  return startSystem({ ...options, solidServer: (await sharedSolidServer()).baseUrl });
}
