/**
 * Refuses a connection id for the rest of a window once it has failed the bearer check too often, so that
 * a caller guessing tokens (or connection ids) cannot run up storage operations. The state lives in memory:
 * it is per function instance (Forge reuses warm instances), not shared across instances.
 */
export interface AuthThrottle {
  /** Seconds to wait when the id is refused now; undefined when its request may be checked. */
  retryAfterSeconds(connectionId: string, now: number): number | undefined;
  /** One failed bearer check (wrong or missing token, unknown or disabled connection). */
  recordFailure(connectionId: string, now: number): void;
}

export interface AuthThrottleOptions {
  /** Failed checks allowed per id and window; the next request in the window is refused. */
  maxFailures: number;
  windowMs: number;
  /** Ids tracked at most; the oldest are forgotten first, so that spraying random ids cannot exhaust memory. */
  maxTracked: number;
}

export const DEFAULT_AUTH_THROTTLE: AuthThrottleOptions = { maxFailures: 10, windowMs: 60_000, maxTracked: 10_000 };

interface Window {
  startedAt: number;
  failures: number;
}

export function createAuthThrottle(options: AuthThrottleOptions = DEFAULT_AUTH_THROTTLE): AuthThrottle {
  const windows = new Map<string, Window>();
  const current = (id: string, now: number): Window | undefined => {
    const window = windows.get(id);
    if (window && now - window.startedAt >= options.windowMs) {
      windows.delete(id);
      return undefined;
    }
    return window;
  };
  return {
    retryAfterSeconds(connectionId, now) {
      const window = current(connectionId, now);
      if (!window || window.failures < options.maxFailures) return undefined;
      return Math.max(1, Math.ceil((window.startedAt + options.windowMs - now) / 1000));
    },
    recordFailure(connectionId, now) {
      const window = current(connectionId, now);
      if (window) {
        window.failures += 1;
        return;
      }
      if (windows.size >= options.maxTracked) windows.delete(windows.keys().next().value as string);
      windows.set(connectionId, { startedAt: now, failures: 1 });
    },
  };
}

/** The throttle of this function instance. */
export const instanceAuthThrottle: AuthThrottle = createAuthThrottle();
