// Small formatting helpers shared by both pages.

/** "0x1234…abcd" / "1234567…": enough to tell apart, short enough to read. */
export function shorten(value: string, keep = 6): string {
  if (value.length <= keep * 2 + 1) return value;
  return `${value.slice(0, keep)}…${value.slice(-4)}`;
}

export function formatUnixTime(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString();
}

export function formatDate(isoOrSeconds: string | number): string {
  const date = typeof isoOrSeconds === 'number' ? new Date(isoOrSeconds * 1000) : new Date(isoOrSeconds);
  return Number.isNaN(date.getTime()) ? String(isoOrSeconds) : date.toLocaleDateString();
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** "in 7 days", "3 minutes ago": relative to `now` (unix seconds). */
export function formatRelative(seconds: number, now = Math.floor(Date.now() / 1000)): string {
  const delta = seconds - now;
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size || unit === 'second') return format.format(Math.round(delta / size), unit);
  }
  return '';
}

/** "1 credential", "2 credentials" (pass `many` for irregular plurals). */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : many}`;
}
