/** Polls `probe` until it answers something other than undefined (the local runtime's queue works in the background). */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('The expected state was not reached in time.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
