import { z } from 'zod';
import type { Clock, Store } from './ports';
import { ConditionFailedError } from './store-errors';
import { sharedKeys } from '../storage/keys';

/** A held lease. `version` is the store version the holder wrote; renew and release compare-and-set on it. */
export interface Lease {
  name: string;
  holder: string;
  expiresAt: number;
  version: number;
}

const LeaseValue = z.object({ holder: z.string(), expiresAt: z.number() });

// The store may drop a lease key some time after it expired (cleanup only): expiry is decided by expiresAt,
// and the margin keeps the store from dropping a lease that is still valid by our clock.
const STORE_TTL_MARGIN_SECONDS = 60;

function storeTtlSeconds(ttlMs: number): number {
  return Math.ceil(ttlMs / 1000) + STORE_TTL_MARGIN_SECONDS;
}

/**
 * Takes the lease `name` for `holder` (unique per invocation: duplicated scheduled runs must not share one)
 * until now + ttlMs, if it is free or its holder let it expire. Of concurrent acquirers exactly one wins;
 * the others get undefined. Usually one store call (create-if-absent); taking over an expired lease costs
 * three (the failed create, a get, a compare-and-set).
 */
export async function acquireLease(store: Store, clock: Clock, name: string, holder: string, ttlMs: number): Promise<Lease | undefined> {
  const key = sharedKeys.lease(name);
  const value = { holder, expiresAt: clock.now() + ttlMs };
  const ttlSeconds = storeTtlSeconds(ttlMs);
  try {
    const version = await store.set(key, value, { ifAbsent: true, ttlSeconds });
    return { name, ...value, version };
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
  }
  const current = await store.get(key);
  if (current) {
    const held = LeaseValue.safeParse(current.value);
    // An unreadable value cannot name a live holder, so it is taken over like an expired lease.
    if (held.success && held.data.expiresAt > clock.now()) return undefined;
  }
  return compareAndSet(store, name, value, current ? { ifVersion: current.version } : { ifAbsent: true }, ttlSeconds);
}

/** Extends a lease this holder still has; undefined when someone else has taken it over. */
export async function renewLease(store: Store, clock: Clock, lease: Lease, ttlMs: number): Promise<Lease | undefined> {
  const value = { holder: lease.holder, expiresAt: clock.now() + ttlMs };
  return compareAndSet(store, lease.name, value, { ifVersion: lease.version }, storeTtlSeconds(ttlMs));
}

/** Gives the lease up; false when it had already been taken over (or dropped), which changes nothing. */
export async function releaseLease(store: Store, lease: Lease): Promise<boolean> {
  try {
    return await store.delete(sharedKeys.lease(lease.name), { ifVersion: lease.version });
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

async function compareAndSet(
  store: Store,
  name: string,
  value: { holder: string; expiresAt: number },
  condition: { ifVersion: number } | { ifAbsent: true },
  ttlSeconds: number,
): Promise<Lease | undefined> {
  try {
    const version = await store.set(sharedKeys.lease(name), value, { ...condition, ttlSeconds });
    return { name, ...value, version };
  } catch (error) {
    if (error instanceof ConditionFailedError) return undefined;
    throw error;
  }
}
