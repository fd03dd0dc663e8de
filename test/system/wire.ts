// A running System as JSON between the vitest main process and the test files: everything but
// stop(), bigints spelled as {"$bigint": "…"}.
import type { System } from '../../scripts/system/startSystem.ts';

export type SystemInfo = Omit<System, 'stop'>;

export function toWire(system: System): string {
  const { stop: _stop, ...info } = system;
  return JSON.stringify(info, (_key, value) => (typeof value === 'bigint' ? { $bigint: value.toString() } : value));
}

export function fromWire(text: string): SystemInfo {
  return JSON.parse(text, (_key, value) =>
    value && typeof value === 'object' && typeof value.$bigint === 'string' ? BigInt(value.$bigint) : value,
  ) as SystemInfo;
}
