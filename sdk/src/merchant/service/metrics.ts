// A small Prometheus registry (text exposition format 0.0.4): counters and histograms with
// labels, enough for the merchant service without another dependency.

type Labels = Record<string, string>;
const key = (labels: Labels) =>
  Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');

export type Counter = { inc(labels?: Labels, by?: number): void };
export type Histogram = { observe(value: number, labels?: Labels): void };

export type MetricsRegistry = {
  counter(name: string, help: string): Counter;
  histogram(name: string, help: string, buckets: readonly number[]): Histogram;
  /** A value read when scraped (gauges such as memory). */
  gauge(name: string, help: string, read: () => number): void;
  render(): string;
};

/** @since 0.2.0 */
export function createMetricsRegistry(): MetricsRegistry {
  const renderers: (() => string)[] = [];
  return {
    counter(name, help) {
      const values = new Map<string, number>();
      renderers.push(() =>
        [
          `# HELP ${name} ${help}`,
          `# TYPE ${name} counter`,
          ...[...values].map(([labels, value]) => `${name}${labels ? `{${labels}}` : ''} ${value}`),
        ].join('\n'),
      );
      return {
        inc(labels = {}, by = 1) {
          const id = key(labels);
          values.set(id, (values.get(id) ?? 0) + by);
        },
      };
    },
    histogram(name, help, buckets) {
      const series = new Map<string, { counts: number[]; sum: number; count: number }>();
      renderers.push(() => {
        const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
        for (const [labels, { counts, sum, count }] of series) {
          const prefix = labels ? `${labels},` : '';
          buckets.forEach((bound, index) => {
            lines.push(`${name}_bucket{${prefix}le="${bound}"} ${counts[index]}`);
          });
          lines.push(`${name}_bucket{${prefix}le="+Inf"} ${count}`);
          lines.push(`${name}_sum${labels ? `{${labels}}` : ''} ${sum}`);
          lines.push(`${name}_count${labels ? `{${labels}}` : ''} ${count}`);
        }
        return lines.join('\n');
      });
      return {
        observe(value, labels = {}) {
          const id = key(labels);
          let entry = series.get(id);
          if (!entry) {
            entry = { counts: buckets.map(() => 0), sum: 0, count: 0 };
            series.set(id, entry);
          }
          buckets.forEach((bound, index) => {
            if (value <= bound) (entry.counts[index] as number)++;
          });
          entry.sum += value;
          entry.count += 1;
        },
      };
    },
    gauge(name, help, read) {
      renderers.push(() => `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${name} ${read()}`);
    },
    render: () => `${renderers.map((render) => render()).join('\n')}\n`,
  };
}
