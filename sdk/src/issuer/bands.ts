// Derived attributes are bands, never the raw statement: the issuer turns a balance, a birth date
// or a year of transactions into the lower bound of a fixed band (the vocabulary names the bands).

/**
 * The largest band floor not above `value` (the first floor when below all).
 * @since 0.2.0
 */
export function bandFloor(value: number, floors: readonly number[]): number {
  let floor = floors[0] ?? 0;
  for (const candidate of floors) if (value >= candidate) floor = candidate;
  return floor;
}

export const AGE_BANDS = [0, 18, 25, 35, 50, 65] as const;
export const INCOME_BANDS_EUR = [0, 10_000, 20_000, 35_000, 50_000, 75_000, 100_000] as const;
export const ETH_BALANCE_BANDS_MILLIETHER = [0, 10, 100, 1000, 10_000] as const;
export const ADDRESS_AGE_BANDS_DAYS = [0, 30, 90, 365, 730, 1825] as const;
export const SPEND_BANDS_EUR = [0, 100, 500, 1000, 5000] as const;

/**
 * "25–34", "65+", "under 18": a band in words.
 * @since 0.2.0
 */
export function describeBand(floor: number, floors: readonly number[], unit = ''): string {
  const index = floors.indexOf(floor);
  const next = floors[index + 1];
  const suffix = unit ? ` ${unit}` : '';
  if (index === 0 && floor === 0 && next !== undefined) return `under ${next}${suffix}`;
  if (next === undefined) return `${floor}+${suffix}`;
  return `${floor}–${next - 1}${suffix}`;
}

/**
 * Whole years between an ISO birth date and `now` (unix seconds).
 * @since 0.2.0
 */
export function ageInYears(birthDate: string, now: number): number {
  const born = new Date(`${birthDate}T00:00:00Z`);
  const today = new Date(now * 1000);
  let years = today.getUTCFullYear() - born.getUTCFullYear();
  const beforeBirthday =
    today.getUTCMonth() < born.getUTCMonth() ||
    (today.getUTCMonth() === born.getUTCMonth() && today.getUTCDate() < born.getUTCDate());
  if (beforeBirthday) years -= 1;
  return years;
}

/**
 * 1 January of the date's year ("2015-06-03" → "2015-01-01"): a customer-since band.
 * @since 0.2.0
 */
export function startOfYear(isoDate: string): string {
  return `${isoDate.slice(0, 4)}-01-01`;
}
