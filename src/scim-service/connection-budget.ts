import type { StoreUnitKind } from '../platform/metered-store';
/**
 * What one connection may spend per minute on this function instance, so that a leaked token (or a runaway IdP)
 * cannot use up the installation's Forge quotas (KVS: 4,000 read and 4,000 write units a minute; async events:
 * 500 a minute) and starve the other connections. Requests and store units are checked before a request runs
 * (a request over budget is answered 429 and costs nothing); queue events past the budget are not pushed: their
 * change records stay pending and the scheduled sweep queues them. Per instance, in memory, bounded.
 */
export interface ConnectionBudgetOptions {
  windowMs: number;
  requests: number;
  /** Forge KVS read units: each reading store call costs one per started 10 KB. */
  readUnits: number;
  /** Forge KVS write units, counted the same way against Forge's separate write quota. */
  writeUnits: number;
  queueEvents: number;
  maxTracked: number;
}

export const DEFAULT_CONNECTION_BUDGET: ConnectionBudgetOptions = {
  windowMs: 60_000,
  requests: 1_200,
  // Three quarters of each Forge quota (4,000 read and 4,000 write units a minute): an IdP's initial push or a
  // conformance burst runs unthrottled on a one-connection site, and a runaway connection still leaves a quarter.
  readUnits: 3_000,
  writeUnits: 3_000,
  queueEvents: 250,
  maxTracked: 1_000,
};

export type BudgetKind = 'requests' | 'readUnits' | 'writeUnits' | 'queueEvents';

export interface BudgetRefusal {
  spent: BudgetKind;
  retryAfterSeconds: number;
  /** The first refusal of the window (the one worth showing on the admin page). */
  firstInWindow: boolean;
}

export interface ConnectionBudget {
  /** Counts one request; answers the refusal when the connection has spent its requests or store units. */
  admit(connectionId: string, now: number): BudgetRefusal | undefined;
  chargeStoreUnits(connectionId: string, now: number, kind: StoreUnitKind, units: number): void;
  /** How many of `wanted` queue events may be pushed now (and counts them). */
  takeQueueEvents(connectionId: string, now: number, wanted: number): number;
  /** What the connection has spent in the current window. */
  spent(connectionId: string, now: number): Record<BudgetKind, number>;
}

interface Window extends Record<BudgetKind, number> {
  startedAt: number;
  refused: boolean;
}

export function createConnectionBudget(options: ConnectionBudgetOptions = DEFAULT_CONNECTION_BUDGET): ConnectionBudget {
  const windows = new Map<string, Window>();
  const current = (id: string, now: number): Window => {
    const existing = windows.get(id);
    if (existing && now - existing.startedAt < options.windowMs) return existing;
    windows.delete(id);
    if (windows.size >= options.maxTracked) windows.delete(windows.keys().next().value as string);
    const fresh: Window = { startedAt: now, requests: 0, readUnits: 0, writeUnits: 0, queueEvents: 0, refused: false };
    windows.set(id, fresh);
    return fresh;
  };
  const retryAfter = (window: Window, now: number) => Math.max(1, Math.ceil((window.startedAt + options.windowMs - now) / 1000));

  return {
    admit(id, now) {
      const window = current(id, now);
      const spent = (['requests', 'readUnits', 'writeUnits'] as const).find((kind) => window[kind] >= options[kind]);
      if (spent) {
        const firstInWindow = !window.refused;
        window.refused = true;
        return { spent, retryAfterSeconds: retryAfter(window, now), firstInWindow };
      }
      window.requests += 1;
      return undefined;
    },
    chargeStoreUnits(id, now, kind, units) {
      current(id, now)[kind === 'read' ? 'readUnits' : 'writeUnits'] += units;
    },
    takeQueueEvents(id, now, wanted) {
      const window = current(id, now);
      const granted = Math.max(0, Math.min(wanted, options.queueEvents - window.queueEvents));
      window.queueEvents += granted;
      return granted;
    },
    spent(id, now) {
      const { requests, readUnits, writeUnits, queueEvents } = current(id, now);
      return { requests, readUnits, writeUnits, queueEvents };
    },
  };
}

/** The budgets of this function instance. */
export const instanceConnectionBudget: ConnectionBudget = createConnectionBudget();
