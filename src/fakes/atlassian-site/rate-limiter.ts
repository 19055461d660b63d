import type { Clock } from '../../platform/ports';

export interface BucketConfig {
  capacity: number;
  refillPerSecond: number;
}

export type BucketAnswer = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number; resetAt: number };

/** Token buckets keyed by whatever the caller limits on, refilled by the injected clock. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly clock: Clock) {}

  take(key: string, config: BucketConfig): BucketAnswer {
    const now = this.clock.now();
    const bucket = this.buckets.get(key) ?? { tokens: config.capacity, at: now };
    bucket.tokens = Math.min(config.capacity, bucket.tokens + ((now - bucket.at) / 1000) * config.refillPerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    const retryAfterSeconds = Math.ceil((1 - bucket.tokens) / config.refillPerSecond);
    return { allowed: false, retryAfterSeconds, resetAt: now + retryAfterSeconds * 1000 };
  }
}
