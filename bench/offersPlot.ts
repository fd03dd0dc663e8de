// The CTR-over-trials plot of the offer simulation (docs/offers-ctr.svg): each policy's expected
// CTR per re-solve round, averaged over the seeded runs and smoothed over 8 rounds. Plain SVG.
import type { OfferPolicy, SimulationResult } from '@decdp/sdk/offers';

const COLORS: Record<OfferPolicy, string> = {
  random: '#888888',
  greedy: '#d95f02',
  'lp-no-exploration': '#7570b3',
  lp: '#1b9e77',
  oracle: '#222222',
};
const LABELS: Record<OfferPolicy, string> = {
  random: 'random',
  greedy: 'greedy',
  'lp-no-exploration': 'LP',
  lp: 'LP + exploration',
  oracle: 'oracle LP (true CTRs)',
};

export function ctrPlotSvg(parameters: {
  runs: readonly SimulationResult[];
  policies: readonly OfferPolicy[];
  trialsPerRound: number;
  window?: number;
}): string {
  const { runs, policies, trialsPerRound } = parameters;
  const window = parameters.window ?? 8;
  const series = policies.map((policy) => {
    const perRun = runs.map((run) => run.policies[policy]?.ctrByRound ?? []);
    const rounds = Math.min(...perRun.map((values) => values.length));
    const averaged = Array.from({ length: rounds }, (_, r) => {
      const values = perRun.map((values) => values[r] as number);
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    });
    const smoothed = averaged.map((_, r) => {
      const slice = averaged.slice(Math.max(0, r - window + 1), r + 1);
      return slice.reduce((sum, value) => sum + value, 0) / slice.length;
    });
    return { policy, values: smoothed };
  });
  const rounds = Math.max(...series.map((line) => line.values.length));
  const top = Math.ceil(Math.max(...series.flatMap((line) => line.values)) * 100 + 0.5);
  const [width, height, left, right, upper, lower] = [720, 400, 56, 170, 20, 44];
  const x = (round: number) => left + ((round + 1) / rounds) * (width - left - right);
  const y = (ctr: number) => upper + (1 - (ctr * 100) / top) * (height - upper - lower);
  const lines = series.map(
    ({ policy, values }) =>
      `<polyline fill="none" stroke="${COLORS[policy]}" stroke-width="1.6" points="${values
        .map((value, r) => `${x(r).toFixed(1)},${y(value).toFixed(1)}`)
        .join(' ')}"/>`,
  );
  const yTicks = Array.from({ length: top + 1 }, (_, percent) => {
    const at = y(percent / 100).toFixed(1);
    return `<line x1="${left}" x2="${width - right}" y1="${at}" y2="${at}" stroke="#eee"/><text x="${left - 6}" y="${at}" text-anchor="end" dominant-baseline="middle">${percent} %</text>`;
  });
  const totalTrials = rounds * trialsPerRound;
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => {
    const at = (left + fraction * (width - left - right)).toFixed(1);
    return `<text x="${at}" y="${height - lower + 16}" text-anchor="middle">${Math.round((fraction * totalTrials) / 1000)}k</text>`;
  });
  const legend = series.map(({ policy }, index) => {
    const at = upper + 10 + index * 20;
    return `<line x1="${width - right + 12}" x2="${width - right + 32}" y1="${at}" y2="${at}" stroke="${COLORS[policy]}" stroke-width="2"/><text x="${width - right + 38}" y="${at}" dominant-baseline="middle">${LABELS[policy]}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    '<title>Expected CTR over trials by policy, ADWIZ set-up (bench/offers.ts)</title>',
    '<rect width="100%" height="100%" fill="white"/>',
    ...yTicks,
    ...xTicks,
    `<text x="${(left + width - right) / 2}" y="${height - 8}" text-anchor="middle">trials (${runs.length} seeded runs averaged, ${window}-round moving mean)</text>`,
    `<text transform="translate(14 ${(upper + height - lower) / 2}) rotate(-90)" text-anchor="middle">expected CTR</text>`,
    ...lines,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}
