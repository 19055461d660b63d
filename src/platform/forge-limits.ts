// Forge's documented platform limits per installation, in one place: the local runtime enforces them (so code that
// passes locally stays inside them on Forge) and the code that must stay inside them paces itself by them.

/** Async events: events pushed per minute (a sliding minute here); past it a push fails with RateLimitError. */
export const EVENTS_PER_MINUTE = 500;
/**
 * Async events: push requests across every handler a single initial invocation leads to (the cyclic invocation
 * limit); past it a push fails with InvocationLimitReachedError.
 */
export const PUSHES_PER_CHAIN = 1000;
/** One event's JSON, for consumers whose function has a timeout over 55 s (ours: 600 s). */
export const MAX_EVENT_BYTES = 100 * 1024;

/** Invocation deadlines, in seconds. */
export const RESOLVER_TIMEOUT_SECONDS = 25;
export const WEB_TRIGGER_TIMEOUT_SECONDS = 55;
/** manifest.yml `timeoutSeconds` of each queue's consumer function (a test keeps the two in step). */
export const CONSUMER_TIMEOUT_SECONDS: Record<string, number> = {
  'provisioning-jobs': 600,
  'pull-sync-pages': 600,
};
/** A function without timeoutSeconds gets this. */
export const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 55;

/** KVS: read and write units per minute; a request costs one unit per 10 KB it carries, started. */
export const KVS_READ_UNITS_PER_MINUTE = 4000;
export const KVS_WRITE_UNITS_PER_MINUTE = 4000;
export const KVS_UNIT_BYTES = 10 * 1024;
