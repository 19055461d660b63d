// Store layout of one connection's REST pull (all under `c:{connectionId}:pull:`):
//   config                      the pull configuration (pull-config.ts)
//   state                       watermarks and the last runs, for the schedule (pull-state.ts)
//   run:{runId}                 one run: position, progress, lease (run-record.ts); runIds sort newest first
//   x:{runId}:{set}:{n}         a run's scratch id sets (id-sets.ts), deleted when the run ends
// The run's lease is the platform lease `pull:{connectionId}` (lease.ts).

const base = (connectionId: string) => `c:${connectionId}:pull:`;

const idSetPrefix = (connectionId: string, runId: string) => `${base(connectionId)}x:${runId}:`;

export const pullKeys = {
  config: (connectionId: string) => `${base(connectionId)}config`,
  state: (connectionId: string) => `${base(connectionId)}state`,
  run: (connectionId: string, runId: string) => `${base(connectionId)}run:${runId}`,
  runPrefix: (connectionId: string) => `${base(connectionId)}run:`,
  idSet: (connectionId: string, runId: string, set: string, index: number) =>
    `${idSetPrefix(connectionId, runId)}${set}:${String(index).padStart(6, '0')}`,
  idSetPrefix: (connectionId: string, runId: string) => idSetPrefix(connectionId, runId),
};

export const pullLeaseName = (connectionId: string) => `pull:${connectionId}`;

/** Where Secrets keeps the IdP credential (IDCS client secret, miniOrange API key). Never read back to the UI. */
export const pullSecretKey = (connectionId: string) => `conn:${connectionId}:idp-secret`;
