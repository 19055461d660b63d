import type { Clock, HttpTransport, Platform } from './ports';

/** An invocation's time budget ran out while it waited: for `waitingFor` (a host) to answer, or to retry. */
export class DeadlineExceededError extends Error {
  constructor(
    readonly budgetMs: number,
    readonly waitingFor: string | undefined,
  ) {
    super(`Ran out of its ${Math.round(budgetMs / 1000)} s${waitingFor ? ` waiting for ${waitingFor}` : ''}`);
    this.name = 'DeadlineExceededError';
  }
}

/**
 * The platform with one total time budget for everything that waits: every HTTP request's timeout is cut to what
 * is left, and a wait (a retry's backoff, a Retry-After) that would end past the budget fails at once. So retries,
 * backoff and transport timeouts together end inside the budget, with DeadlineExceededError naming the host.
 */
export function withDeadline(platform: Platform, budgetMs: number): Platform {
  const deadline = platform.clock.now() + budgetMs;
  let lastHost: string | undefined;
  const left = () => deadline - platform.clock.now();
  const exceeded = () => new DeadlineExceededError(budgetMs, lastHost);
  const clock: Clock = {
    now: () => platform.clock.now(),
    async sleep(ms) {
      if (ms >= left()) throw exceeded();
      await platform.clock.sleep(ms);
    },
  };
  const budgeted = (transport: HttpTransport): HttpTransport => ({
    async send(request) {
      lastHost = new URL(request.url).host;
      const remaining = left();
      if (remaining <= 0) throw exceeded();
      try {
        return await transport.send({ ...request, timeoutMs: Math.min(request.timeoutMs ?? remaining, remaining) });
      } catch (error) {
        if (left() <= 0) throw exceeded();
        throw error;
      }
    },
  });
  return { ...platform, clock, http: budgeted(platform.http), ...(platform.asApp ? { asApp: budgeted(platform.asApp) } : {}) };
}
