import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../src/local/runtime';
import { LogCapture } from './log-capture';

export interface RuntimeBed {
  runtime: LocalRuntime;
  token: string;
  log: LogCapture;
  dataDir: string;
  /** fetch against the default connection's SCIM base URL with its token. */
  scim(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string>; token?: string | null }): Promise<Response>;
  stop(): Promise<void>;
}

/** Boots the local runtime on a free loopback port with a temporary DATA_DIR; stop() removes it. */
export async function startRuntimeBed(options: Partial<LocalRuntimeOptions> = {}): Promise<RuntimeBed> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ugs-data-'));
  const log = new LogCapture();
  const token = options.presetToken ?? 'ugs_test-token-0123456789abcdefghijklmnopqrstuvwxyz';
  const runtime = await startLocalRuntime({ host: '127.0.0.1', port: 0, dataDir, log, ...options, presetToken: token });
  return {
    runtime,
    token,
    log,
    dataDir,
    scim(path, init = {}) {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      if (init.token !== null) headers.Authorization = `Bearer ${init.token ?? token}`;
      if (init.body !== undefined) headers['Content-Type'] ??= 'application/scim+json';
      return fetch(`${runtime.scimBaseUrl}${path}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
      });
    },
    async stop() {
      await runtime.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
