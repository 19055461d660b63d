import type { Random } from '../../src/platform/ports';

/** Ids and secrets that repeat from run to run: id-0001, id-0002, ... and secret-0001-xxxx. */
export class DeterministicRandom implements Random {
  private counter = 0;

  constructor(private readonly prefix = 'id') {}

  id(): string {
    this.counter += 1;
    return `${this.prefix}${String(this.counter).padStart(10, '0')}`;
  }

  /** Always the middle of the range: jittered waits are their nominal length. */
  fraction(): number {
    return 0.5;
  }

  secret(bytes: number): string {
    this.counter += 1;
    const seed = `secret${String(this.counter).padStart(6, '0')}`;
    return Buffer.from(seed.repeat(Math.ceil(bytes / seed.length)).slice(0, bytes)).toString('base64url');
  }
}
