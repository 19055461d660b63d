import { tokenMatches } from '../connections/token';

/**
 * What stands between an unauthenticated caller and the store. Per function instance (Forge reuses warm
 * instances; the state is in memory and not shared between them) it remembers, for each connection id it has
 * looked up, the token hash, so that a request is checked without reading
 * the store; unknown ids are remembered too (negative cache). Store lookups of requests that have not yet
 * authenticated draw from one budget per instance, so spraying ids costs a bounded number of reads.
 *
 * After too many failed checks for one id in a window, a wrong or missing token is answered 429 (delayed) rather
 * than 401, but a token that matches the remembered hash still passes: a guesser never locks the real IdP out.
 * Memory is bounded: at most `maxKnown` ids with a connection and `maxUnknown` without, oldest forgotten first.
 */
export interface AuthGateOptions {
  /** Failed checks per id and window; past them, wrong tokens are delayed with 429. */
  maxFailures: number;
  windowMs: number;
  /** Store lookups per window for requests not yet authenticated, for the whole instance. */
  lookupsPerWindow: number;
  /** A remembered answer is looked up again on a mismatch at most this often (catches a rotation elsewhere). */
  recheckMs: number;
  /** How long "no such connection" is remembered. */
  unknownTtlMs: number;
  maxKnown: number;
  maxUnknown: number;
}

export const DEFAULT_AUTH_GATE: AuthGateOptions = {
  maxFailures: 10,
  windowMs: 60_000,
  lookupsPerWindow: 120,
  recheckMs: 5_000,
  unknownTtlMs: 60_000,
  maxKnown: 1_000,
  maxUnknown: 1_000,
};

/** What the store says about a connection id, as far as authentication goes. */
export interface StoredCredential {
  tokenHash?: string;
}

/**
 * `listable`: the first refusal in the window of an id that has a connection, which the endpoint lists for the
 * admin (an IdP tested with a wrong token shows up) at the cost of at most one write per id and window.
 */
export type GateDecision = { kind: 'pass' } | { kind: 'refuse'; listable: boolean } | { kind: 'wait'; retryAfterSeconds: number };

export interface AuthGate {
  /** Decides a request; `lookup` reads the connection and is called only within the instance's budget. */
  check(connectionId: string, token: string | undefined, now: number, lookup: () => Promise<StoredCredential | undefined>): Promise<GateDecision>;
  /** What a request that passed read from the store (fresh): a changed token hash resets the id's failures. */
  observe(connectionId: string, credential: StoredCredential | undefined, token: string | undefined, now: number): void;
  /** Ids remembered (bounded whatever the traffic). */
  size(): number;
}

interface Entry {
  credential?: StoredCredential;
  readAt: number;
  /** A success since the last read: the next mismatch may look the id up again at once (a rotation). */
  recheckNow: boolean;
  windowStart: number;
  failures: number;
}

export function createAuthGate(options: AuthGateOptions = DEFAULT_AUTH_GATE): AuthGate {
  const known = new Map<string, Entry>();
  const unknown = new Map<string, Entry>();
  const budget = { windowStart: -Infinity, used: 0 };

  const takeLookup = (now: number): boolean => {
    if (now - budget.windowStart >= options.windowMs) Object.assign(budget, { windowStart: now, used: 0 });
    if (budget.used >= options.lookupsPerWindow) return false;
    budget.used += 1;
    return true;
  };
  const secondsUntil = (end: number, now: number) => Math.max(1, Math.ceil((end - now) / 1000));

  const remember = (id: string, credential: StoredCredential | undefined, now: number, previous?: Entry): Entry => {
    const rotated = previous?.credential?.tokenHash !== credential?.tokenHash;
    const entry: Entry = {
      credential,
      readAt: now,
      recheckNow: false,
      windowStart: rotated || !previous ? now : previous.windowStart,
      failures: rotated || !previous ? 0 : previous.failures,
    };
    known.delete(id);
    unknown.delete(id);
    const map = credential ? known : unknown;
    const limit = credential ? options.maxKnown : options.maxUnknown;
    if (map.size >= limit) map.delete(map.keys().next().value as string);
    map.set(id, entry);
    return entry;
  };

  const cached = (id: string, now: number): Entry | undefined => {
    const entry = known.get(id) ?? unknown.get(id);
    if (entry && !entry.credential && now - entry.readAt >= options.unknownTtlMs) return undefined;
    if (entry && now - entry.windowStart >= options.windowMs) Object.assign(entry, { windowStart: now, failures: 0 });
    return entry;
  };

  // A disabled connection's right token passes too: the endpoint tells its holder (and only it) 403.
  const accepts = (entry: Entry, token: string | undefined) => {
    const tokenHash = entry.credential?.tokenHash;
    return !!token && !!tokenHash && tokenMatches(token, tokenHash);
  };

  return {
    async check(id, token, now, lookup) {
      let entry = cached(id, now);
      if (!entry) {
        if (!takeLookup(now)) return { kind: 'wait', retryAfterSeconds: secondsUntil(budget.windowStart + options.windowMs, now) };
        entry = remember(id, await lookup(), now, known.get(id) ?? unknown.get(id));
      }
      if (accepts(entry, token)) return { kind: 'pass' };
      const mayRecheck = entry.credential && (entry.recheckNow || now - entry.readAt >= options.recheckMs);
      if (mayRecheck && takeLookup(now)) {
        entry = remember(id, await lookup(), now, entry);
        if (accepts(entry, token)) return { kind: 'pass' };
      }
      if (entry.failures >= options.maxFailures) {
        // A rotated token is seen at the next recheck: the IdP is told to come back then, not at the window's end.
        const end = Math.min(entry.windowStart + options.windowMs, entry.credential ? entry.readAt + options.recheckMs : Infinity);
        return { kind: 'wait', retryAfterSeconds: secondsUntil(end, now) };
      }
      const listable = !!entry.credential && entry.failures === 0;
      entry.failures += 1;
      return { kind: 'refuse', listable };
    },
    observe(id, credential, token, now) {
      const entry = remember(id, credential, now, known.get(id) ?? unknown.get(id));
      entry.recheckNow = accepts(entry, token);
    },
    size: () => known.size + unknown.size,
  };
}

/** The gate of this function instance. */
export const instanceAuthGate: AuthGate = createAuthGate();
