import type { Logger } from '../ports';

/** setInterval behind an interface, so that tests fire ticks by hand. Returns a function that cancels. */
export interface Ticker {
  every(everyMs: number, tick: () => void): () => void;
}

export const systemTicker: Ticker = {
  every(everyMs, tick) {
    const timer = setInterval(tick, everyMs);
    timer.unref(); // the HTTP server keeps `npm start` alive, not the schedule
    return () => clearInterval(timer);
  },
};

export interface IntervalScheduler {
  /** Cancels future ticks and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * The local stand-in for a Forge scheduledTrigger: calls the same handler every everyMs. A tick that
 * finds the previous run still going is skipped (Forge runs may overlap; ours never do), and a failed run
 * is logged, never thrown, so the schedule keeps going.
 */
export function startIntervalScheduler(ticker: Ticker, everyMs: number, handler: () => Promise<unknown>, log: Logger): IntervalScheduler {
  let running: Promise<void> | undefined;
  let stopped = false;

  const run = async () => {
    try {
      await handler();
    } catch (error) {
      log.error('scheduler.run_failed', { everyMs, error: error instanceof Error ? error.name : typeof error });
    }
  };

  const cancel = ticker.every(everyMs, () => {
    if (stopped) return;
    if (running) {
      log.info('scheduler.tick_skipped', { everyMs });
      return;
    }
    running = run().finally(() => {
      running = undefined;
    });
  });

  return {
    async stop() {
      stopped = true;
      cancel();
      await running;
    },
  };
}
