import type { Clock } from '../ports';

/** An invocation that ran past its Forge deadline: on Forge it would have been stopped and reported as failed. */
export class InvocationTimeoutError extends Error {
  override readonly name = 'InvocationTimeoutError';
}

/**
 * Runs one invocation and fails it when it took longer than `seconds` on the clock, as Forge fails an invocation
 * it stops at its deadline. Measured after the fact, on the injected clock, so tests count time instead of
 * waiting for it (a real deadline would also cut the invocation short; here it finishes and is then refused).
 */
export async function underDeadline<T>(clock: Clock, seconds: number, what: string, invocation: () => Promise<T>): Promise<T> {
  const started = clock.now();
  const result = await invocation();
  const tookMs = clock.now() - started;
  if (tookMs > seconds * 1000) throw new InvocationTimeoutError(`${what} ran ${Math.round(tookMs / 1000)} s, past Forge's ${seconds} s limit.`);
  return result;
}
