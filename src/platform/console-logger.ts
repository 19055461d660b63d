import type { Logger, LogValue } from './ports';

type Sink = (line: string) => void;

/** One JSON line per entry: what Forge's log viewer and a local terminal both read well. */
export function createConsoleLogger(sink: Sink = (line) => console.log(line), base: Record<string, LogValue> = {}): Logger {
  const write = (level: string, event: string, fields: Record<string, LogValue> = {}) => sink(JSON.stringify({ level, event, ...base, ...fields }));
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}
