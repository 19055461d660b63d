import type { ApiName } from './api';
import type { SandboxRequest } from './http';

export interface FaultSpec {
  /** The HTTP status to answer with (429, 500, 503, ...), or a failure with no answer at all. */
  status: number | 'timeout' | 'network';
  /** How many matching calls get it (default 1). */
  times?: number;
  api?: ApiName;
  method?: string;
  pathIncludes?: string;
  /** Retry-After on the answer; 429s get 5 unless told otherwise. */
  retryAfterSeconds?: number;
}

/** Faults waiting for the next matching calls, in the order they were injected. */
export class Faults {
  private pending: { spec: FaultSpec; left: number }[] = [];

  add(spec: FaultSpec): void {
    this.pending.push({ spec, left: spec.times ?? 1 });
  }

  clear(): void {
    this.pending = [];
  }

  take(api: ApiName, request: SandboxRequest): FaultSpec | undefined {
    const entry = this.pending.find(
      ({ spec }) =>
        (spec.api === undefined || spec.api === api) &&
        (spec.method === undefined || spec.method.toUpperCase() === request.method) &&
        (spec.pathIncludes === undefined || request.path.includes(spec.pathIncludes)),
    );
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.pending = this.pending.filter((e) => e !== entry);
    return entry.spec;
  }
}
