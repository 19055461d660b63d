import type { Logger, LogValue } from '../../src/platform/ports';

export interface CapturedLog {
  level: 'info' | 'warn' | 'error';
  event: string;
  fields: Record<string, LogValue>;
}

/** A Logger that keeps every entry, to assert what was logged and that no secret or personal data was. */
export class LogCapture implements Logger {
  readonly entries: CapturedLog[] = [];

  info(event: string, fields: Record<string, LogValue> = {}): void {
    this.entries.push({ level: 'info', event, fields });
  }

  warn(event: string, fields: Record<string, LogValue> = {}): void {
    this.entries.push({ level: 'warn', event, fields });
  }

  error(event: string, fields: Record<string, LogValue> = {}): void {
    this.entries.push({ level: 'error', event, fields });
  }

  /** Everything logged, as one string, for "must not contain" assertions. */
  text(): string {
    return this.entries.map((e) => `${e.level} ${e.event} ${JSON.stringify(e.fields)}`).join('\n');
  }

  events(): string[] {
    return this.entries.map((e) => e.event);
  }
}
