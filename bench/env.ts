/** A positive whole number from the environment (`BENCH_USERS=50000` or `50_000`), or the default. */
export function envCount(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got "${text}"`);
  return value;
}
