import type { Random } from './ports';

export interface Backoff {
  /** The wait before the first retry. */
  first: number;
  /** The longest wait, before jitter. */
  max: number;
  /** Spread of the jitter around the wait: 0.3 waits between 70 % and 130 % of it (default). */
  jitter?: number;
}

/**
 * Capped exponential backoff, the one every retry in the app uses: min(max, first × 2^retry), in the unit of
 * `first` and `max`; with `random`, times a factor in [1 - jitter, 1 + jitter), so that parallel retries spread
 * out, as Atlassian's rate-limiting guide recommends. `retry` counts from 0.
 */
export function backoff(retry: number, policy: Backoff, random?: Pick<Random, 'fraction'>): number {
  const base = Math.min(policy.max, policy.first * 2 ** Math.min(retry, 52));
  if (!random) return base;
  const jitter = policy.jitter ?? 0.3;
  return base * (1 - jitter + 2 * jitter * random.fraction());
}
