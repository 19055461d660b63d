import { LogCapture } from '../../../test/kit/log-capture';
import { startIntervalScheduler, systemTicker, type Ticker } from './interval-scheduler';

class ManualTicker implements Ticker {
  private tick?: () => void;
  everyMs?: number;
  cancelled = false;

  every(everyMs: number, tick: () => void): () => void {
    this.everyMs = everyMs;
    this.tick = tick;
    return () => {
      this.cancelled = true;
    };
  }

  /** Fires one tick and lets the run's continuations settle. */
  async fire(): Promise<void> {
    if (!this.cancelled) this.tick?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('startIntervalScheduler', () => {
  it('calls the handler on every tick', async () => {
    const ticker = new ManualTicker();
    let runs = 0;
    startIntervalScheduler(ticker, 300_000, async () => void (runs += 1), new LogCapture());
    expect(ticker.everyMs).toBe(300_000);
    await ticker.fire();
    await ticker.fire();
    expect(runs).toBe(2);
  });

  it('skips a tick while the previous run is still going', async () => {
    const ticker = new ManualTicker();
    const log = new LogCapture();
    const gate = deferred();
    let runs = 0;
    startIntervalScheduler(
      ticker,
      1000,
      async () => {
        runs += 1;
        if (runs === 1) await gate.promise;
      },
      log,
    );
    await ticker.fire();
    await ticker.fire();
    expect(runs).toBe(1);
    expect(log.events()).toEqual(['scheduler.tick_skipped']);
    gate.resolve();
    await ticker.fire();
    expect(runs).toBe(1);
    await ticker.fire();
    expect(runs).toBe(2);
  });

  it('logs a failed run by error class and keeps the schedule going', async () => {
    const ticker = new ManualTicker();
    const log = new LogCapture();
    let runs = 0;
    startIntervalScheduler(
      ticker,
      1000,
      async () => {
        runs += 1;
        if (runs === 1) throw new RangeError('secret-token-123 was rejected');
      },
      log,
    );
    await ticker.fire();
    await ticker.fire();
    expect(runs).toBe(2);
    expect(log.entries).toEqual([{ level: 'error', event: 'scheduler.run_failed', fields: { everyMs: 1000, error: 'RangeError' } }]);
    expect(log.text()).not.toContain('secret-token-123');
  });

  it('stop() cancels the ticker and waits for the run in progress', async () => {
    const ticker = new ManualTicker();
    const gate = deferred();
    let finished = false;
    const scheduler = startIntervalScheduler(
      ticker,
      1000,
      async () => {
        await gate.promise;
        finished = true;
      },
      new LogCapture(),
    );
    await ticker.fire();
    let stopped = false;
    const stop = scheduler.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ticker.cancelled).toBe(true);
    expect(stopped).toBe(false);
    gate.resolve();
    await stop;
    expect(finished).toBe(true);
  });

  it('runs on real timers with systemTicker', async () => {
    let runs = 0;
    const scheduler = startIntervalScheduler(systemTicker, 10, async () => void (runs += 1), new LogCapture());
    await new Promise((resolve) => setTimeout(resolve, 100));
    await scheduler.stop();
    const after = runs;
    expect(after).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs).toBe(after);
  });
});
