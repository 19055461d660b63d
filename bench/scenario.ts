import type { CountingStore } from '../src/platform/counting-store';
import type { HttpTransport, Platform } from '../src/platform/ports';

/** What the runner gives every scenario: fresh for each one. */
export interface BenchContext {
  /** Every port over in-memory SQLite; queued events and logs are dropped. Its store is `store`. */
  platform: Platform;
  /** Counts every store call the scenario's timed operations make (setup is not counted). */
  store: CountingStore;
  /** Wraps the transport a scenario points at the Atlassian side, to fill the Atlassian calls/op column. */
  countAtlassianCalls(transport: HttpTransport): HttpTransport;
  /** A temporary directory, removed after the scenario (a DATA_DIR for the local runtime). */
  tmpDir: string;
}

/** One prepared scenario: run(i) is timed `ops` times with i = 0, 1, ... */
export interface ScenarioRun {
  run(i: number): Promise<void>;
  teardown?(): Promise<void>;
}

export interface Scenario {
  /** Dotted, filterable name: `npm run bench -- store` runs every scenario whose name contains "store". */
  name: string;
  ops: number;
  /** Store calls per op, token check included, that the steady state must stay within. */
  budget?: number;
  /** For a scenario too slow for the default run: the variable that must be "1" to run it. */
  optInEnv?: string;
  /** Keep the store in a SQLite file, so that peak RSS is the app's and not an in-memory store's. */
  storeOnDisk?: boolean;
  setup(ctx: BenchContext): Promise<ScenarioRun>;
}
