// Small helpers shared by the bench sections. Progress goes to stderr so stdout stays JSON.
export const log = (line: string) => process.stderr.write(`${line}\n`);

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export const round = (value: number) => Math.round(value * 10) / 10;
