/** A conditional write (ifAbsent / ifVersion / check) did not hold; nothing was written. */
export class ConditionFailedError extends Error {
  constructor(readonly key: string) {
    super(`Condition failed for key ${key}`);
    this.name = 'ConditionFailedError';
  }
}

/**
 * A request breaks one of Forge KVS's limits (key charset or length, value size, transaction size). `limit` says
 * which: a value or key limit is broken by what a client sent (too large, too deep); a request limit by our code.
 */
export class StoreLimitError extends Error {
  constructor(
    message: string,
    readonly limit: 'value' | 'key' | 'request' = 'request',
  ) {
    super(message);
    this.name = 'StoreLimitError';
  }
}

/** The installation used up a minute's KVS read or write units (KVS answers 429 TOO_MANY_REQUESTS); try later. */
export class StoreRateLimitError extends Error {
  readonly status = 429;
  readonly code = 'TOO_MANY_REQUESTS';

  constructor(message: string) {
    super(message);
    this.name = 'StoreRateLimitError';
  }
}
