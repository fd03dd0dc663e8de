import type { MerchantStore } from './merchantStore.ts';

/**
 * Purges expired and revoked records now and then every `everySeconds` (default one hour). The
 * timer does not keep the process alive. Errors go to `onError` and the schedule goes on.
 * @example const stop = schedulePurge({ store, onPurged: (n) => log.info({ purged: n }) });
 * @since 0.2.0
 */
export function schedulePurge(params: {
  store: MerchantStore;
  everySeconds?: number;
  now?: () => number;
  onPurged?: (count: number) => void;
  onError?: (error: unknown) => void;
}): { stop(): void; runNow(): Promise<number> } {
  const now = params.now ?? (() => Math.floor(Date.now() / 1000));
  let running: Promise<number> | undefined;
  const runNow = async (): Promise<number> => {
    running ??= params.store.purge({ now: now() }).finally(() => {
      running = undefined;
    });
    const count = await running;
    params.onPurged?.(count);
    return count;
  };
  const tick = () => runNow().catch((error) => params.onError?.(error));
  void tick();
  const timer = setInterval(tick, (params.everySeconds ?? 3600) * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer), runNow };
}
