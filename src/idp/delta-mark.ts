import type { DeltaMark } from './connector';

/** How many delivered `id|lastModified` pairs a mark keeps; beyond it, re-reading the window may repeat items. */
export const MARK_SEEN_LIMIT = 200;

/** The lower bound a delta query uses: the mark minus the skew allowed for late-visible changes. */
export function deltaFloor(mark: DeltaMark, skewMs: number): string {
  return new Date(Date.parse(mark.lastModified) - skewMs).toISOString();
}

export interface Versioned {
  id: string;
  lastModified?: string;
}

/**
 * Drops items delivered already (same id and lastModified in `since`, the mark the listing started from, or in
 * the running mark) and returns the running mark advanced past the rest. Items without a readable
 * lastModified are kept and not tracked.
 */
export function advanceMark<T extends Versioned>(
  running: DeltaMark | undefined,
  items: T[],
  skewMs: number,
  since?: DeltaMark,
): { fresh: T[]; mark: DeltaMark | undefined } {
  const delivered = new Set([...(since?.seen ?? []), ...(running?.seen ?? [])]);
  const fresh = items.filter((item) => !tracked(item) || !delivered.has(pairOf(item)));
  const start = running ?? since;
  const seen = new Set(start?.seen ?? []);
  let newest = start ? Date.parse(start.lastModified) : -Infinity;
  for (const item of fresh) {
    if (tracked(item)) {
      seen.add(pairOf(item));
      newest = Math.max(newest, Date.parse(item.lastModified));
    }
  }
  if (newest === -Infinity) return { fresh, mark: start };
  const floor = newest - skewMs;
  const kept = [...seen]
    .map((pair) => ({ pair, at: Date.parse(pair.slice(pair.lastIndexOf('|') + 1)) }))
    .filter(({ at }) => at >= floor)
    .sort((a, b) => b.at - a.at)
    .slice(0, MARK_SEEN_LIMIT)
    .map(({ pair }) => pair);
  return { fresh, mark: { lastModified: new Date(newest).toISOString(), seen: kept } };
}

function tracked(item: Versioned): item is Versioned & { lastModified: string } {
  return item.lastModified !== undefined && !Number.isNaN(Date.parse(item.lastModified));
}

function pairOf(item: Versioned): string {
  return `${item.id}|${item.lastModified}`;
}
