// The part of autocannon's API bench/httpLoad.ts uses (the package ships no types).
declare module 'autocannon' {
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    requests?: { method?: 'POST' | 'GET'; path?: string; body?: string; headers?: Record<string, string> }[];
  };
  type Result = {
    duration: number;
    requests: { total: number; average: number };
    latency: { p50: number; p99: number; mean: number; max: number };
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
  };
  export default function autocannon(options: Options): Promise<Result>;
}
