import type { DirectoryContext } from '../directory/directory-context';
import type { IdpConnector } from '../idp/connector';
import type { Platform } from '../platform/ports';
import type { PullConfig } from './pull-config';
import type { IdSetRef } from './id-sets';
import type { ItemFailure } from './item-failure';
import { emptyProgress, type Progress } from './progress';
import type { Position, Run } from './run-record';

/** What one page event works with. */
export interface StepDeps {
  platform: Platform;
  run: Run;
  /** The configuration the run started with. */
  config: PullConfig;
  connector: IdpConnector;
  /** Fresh per event: its changes are the provisioning jobs to queue after the step. */
  ctx: DirectoryContext;
  /** Clock time after which a step takes on no more work, well inside the consumer's timeout. */
  deadline: number;
}

export interface StepResult {
  /** Where the next event continues, and the run's sets, scan figures or watermarks the step moved on. */
  fields: { position: Position } & Partial<Pick<Run, 'sets' | 'scan' | 'marks'>>;
  progress: Progress;
  failures: ItemFailure[];
  /** The run must wait for an admin before it goes on (the safety threshold); the text says why. */
  pause?: string;
  /** The distinct users the run's listing delivered, replacing the per-page sum in `progress` (see usersStep). */
  usersSeen?: number;
}

/** A step that changed nothing in the directory. */
export function moveTo(position: Position, fields: Partial<Pick<Run, 'sets' | 'scan' | 'marks'>> = {}): StepResult {
  return { fields: { position, ...fields }, progress: emptyProgress(), failures: [] };
}

export function idSetOf(run: Run, set: string): IdSetRef {
  return { connectionId: run.connectionId, runId: run.id, set };
}
