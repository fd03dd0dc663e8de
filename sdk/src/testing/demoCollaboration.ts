// The demo collaboration of docs/collaboration.md: a bike shop and a coffee shop that rotate their
// blinding key weekly with a day of grace. Tests of matching, keys, links and the registry share it.
import type { KeySchedule } from '../collaboration/collaborationKey.ts';

export const DAY_SECONDS = 86_400;

export const DEMO_KEY_SCHEDULE: KeySchedule = {
  collaborationId: 'bikes-x-coffee',
  keyId: 'k2026',
  startsAt: 1_800_000_000,
  rotationSeconds: 7 * DAY_SECONDS,
  graceSeconds: DAY_SECONDS,
};
