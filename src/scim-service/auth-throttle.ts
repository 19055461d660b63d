/**
 * Refuses a connection id for the rest of a window once it has failed the bearer check too often, so that a
 * caller guessing tokens cannot run up storage operations. A token that passed the check on this instance is
 * let through even then, so that a guesser who knows the (public) connection id cannot lock its IdP out. The
 * state lives in memory: it is per function instance (Forge reuses warm instances), not shared across instances.
 */
export interface AuthThrottle {
  /**
   * Seconds to wait when the request is refused now; undefined when it may be checked. `presentedTokenHash` is
   * asked for only when the id is over its limit.
   */
  retryAfterSeconds(connectionId: string, now: number, presentedTokenHash?: () => string | undefined): number | undefined;
  /** One failed bearer check (wrong or missing token, unknown or disabled connection). */
  recordFailure(connectionId: string, now: number): void;
  /** A passed bearer check: this token is let through while the id is throttled. */
  recordSuccess(connectionId: string, tokenHash: string): void;
}

export interface AuthThrottleOptions {
  /** Failed checks allowed per id and window; the next request in the window is refused. */
  maxFailures: number;
  windowMs: number;
  /**
   * Ids tracked at most; when full, the oldest id that is not refused is forgotten first (spraying random ids
   * cannot exhaust memory, nor free an id under attack).
   */
  maxTracked: number;
}

export const DEFAULT_AUTH_THROTTLE: AuthThrottleOptions = { maxFailures: 10, windowMs: 60_000, maxTracked: 10_000 };

interface Window {
  startedAt: number;
  failures: number;
}

export function createAuthThrottle(options: AuthThrottleOptions = DEFAULT_AUTH_THROTTLE): AuthThrottle {
  const windows = new Map<string, Window>();
  const passed = new Map<string, string>();
  const current = (id: string, now: number): Window | undefined => {
    const window = windows.get(id);
    if (window && now - window.startedAt >= options.windowMs) {
      windows.delete(id);
      return undefined;
    }
    return window;
  };
  const refused = (window: Window) => window.failures >= options.maxFailures;
  const makeRoom = () => {
    if (windows.size < options.maxTracked) return;
    const open = [...windows].find(([, window]) => !refused(window));
    windows.delete(open ? open[0] : (windows.keys().next().value as string));
  };
  return {
    retryAfterSeconds(connectionId, now, presentedTokenHash) {
      const window = current(connectionId, now);
      if (!window || !refused(window)) return undefined;
      const known = passed.get(connectionId);
      if (known !== undefined && presentedTokenHash?.() === known) return undefined;
      return Math.max(1, Math.ceil((window.startedAt + options.windowMs - now) / 1000));
    },
    recordFailure(connectionId, now) {
      const window = current(connectionId, now);
      if (window) {
        window.failures += 1;
        return;
      }
      makeRoom();
      windows.set(connectionId, { startedAt: now, failures: 1 });
    },
    recordSuccess(connectionId, tokenHash) {
      if (!passed.has(connectionId) && passed.size >= options.maxTracked) passed.delete(passed.keys().next().value as string);
      passed.set(connectionId, tokenHash);
    },
  };
}

/** The throttle of this function instance. */
export const instanceAuthThrottle: AuthThrottle = createAuthThrottle();
