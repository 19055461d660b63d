import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SandboxSite } from '../fakes/atlassian-site/sandbox-site';
import type { HttpTransport } from '../platform/ports';

// `npm start` keeps the sandbox site in the data directory beside the app's own store, so that what the app
// believes (users synced, the account ids it linked) and what the site holds survive a restart together.
// Deleting the data directory starts both over.

const SAVE_DELAY_MS = 50;

export interface KeptSandbox {
  /** The sandbox's transport; every request that may change the site is followed by a save. */
  transport: HttpTransport;
  /** Writes a pending save now (on stop). */
  flush(): void;
}

export function keepSandbox(sandbox: SandboxSite, file: string): KeptSandbox {
  if (existsSync(file)) {
    try {
      sandbox.state.restore(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`The sandbox site in ${file} cannot be read (${(error as Error).message}): delete the data directory to start over.`, {
        cause: error,
      });
    }
  }
  let pending: NodeJS.Timeout | undefined;
  const save = () => {
    pending = undefined;
    writeFileSync(`${file}.tmp`, sandbox.state.save());
    renameSync(`${file}.tmp`, file);
  };
  return {
    transport: {
      async send(request) {
        try {
          return await sandbox.transport.send(request);
        } finally {
          if (request.method !== 'GET' && !pending) pending = setTimeout(save, SAVE_DELAY_MS).unref();
        }
      },
    },
    flush() {
      if (pending) clearTimeout(pending);
      save();
    },
  };
}
