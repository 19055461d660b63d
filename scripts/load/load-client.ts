/** The final answer of the SCIM endpoint to one request, as the load client saw it after its retries. */
export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- arbitrary SCIM JSON
  /** Statuses of the earlier attempts that were retried (429, 503), in order; empty when the first answer was final. */
  retried: number[];
}

/** What became of the requests that met a retryable status (429 or 503) at least once. */
export interface RetriedStatus {
  /** Answers with this status that the client retried. */
  retried: number;
  /** Of those, answers on requests that were finally answered 2xx. */
  thenAccepted: number;
  /** Answers with this status that were final: the client ran out of retries. */
  final: number;
}

export interface LoadStats {
  requests: number;
  /** Every response, retried ones included. */
  byStatus: Map<number, number>;
  /** Per retryable status, whether retrying it got the request accepted in the end. */
  retries: Map<number, RetriedStatus>;
  latenciesMs: number[];
}

const RETRIES = 5;

/**
 * SCIM over loopback HTTP with the connection's token, as an IdP sends it: a 429 or 503 is retried after a short
 * wait (IdPs honour Retry-After; the waits here are shortened so that the run stays bounded). Every response,
 * retried ones included, is counted.
 */
export class LoadClient {
  readonly stats: LoadStats = { requests: 0, byStatus: new Map(), retries: new Map(), latenciesMs: [] };

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly deadline: number,
  ) {}

  async send(method: string, path: string, body?: unknown): Promise<Answer> {
    const retried: number[] = [];
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > this.deadline) throw new Error('The load run went over its time limit');
      const started = performance.now();
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/scim+json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      this.stats.latenciesMs.push(performance.now() - started);
      this.stats.requests += 1;
      this.stats.byStatus.set(response.status, (this.stats.byStatus.get(response.status) ?? 0) + 1);
      const retryable = response.status === 429 || response.status === 503;
      if (!retryable || attempt >= RETRIES) {
        this.countRetries(retried, response.status);
        return { status: response.status, body: text ? JSON.parse(text) : undefined, retried };
      }
      retried.push(response.status);
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }

  private countRetries(retried: number[], finalStatus: number): void {
    const entry = (status: number) => {
      const found = this.stats.retries.get(status) ?? { retried: 0, thenAccepted: 0, final: 0 };
      this.stats.retries.set(status, found);
      return found;
    };
    const accepted = finalStatus >= 200 && finalStatus < 300;
    for (const status of retried) {
      entry(status).retried += 1;
      if (accepted) entry(status).thenAccepted += 1;
    }
    if (finalStatus === 429 || finalStatus === 503) entry(finalStatus).final += 1;
  }
}

/** Runs the tasks with at most `concurrency` in flight. */
export async function inParallel<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return results;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
