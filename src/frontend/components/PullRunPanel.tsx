import {
  Button,
  ButtonGroup,
  DynamicTable,
  EmptyState,
  Heading,
  Inline,
  LoadingButton,
  Lozenge,
  ProgressBar,
  SectionMessage,
  Stack,
  Text,
} from '@forge/react';
import { useEffect, useState } from 'react';
import type { ResolverResult } from '../../admin/result';
import type { RunStatus } from '../../sync/run-record';
import { call, useResolver, type ResolverError } from '../api';
import { ErrorNotice } from './ErrorNotice';
import { formatTime } from './labels';

const POLL_MS = 2000;

const PHASE_ORDER: Record<'full' | 'delta' | 'refresh', RunStatus['phase'][]> = {
  full: ['users', 'groups', 'members', 'scanUsers', 'scanGroups', 'removeUsers', 'removeGroups', 'done'],
  delta: ['users', 'groups', 'members', 'done'],
  refresh: ['refresh', 'done'],
};

const STATUS_APPEARANCE: Record<RunStatus['status'], 'inprogress' | 'moved' | 'success' | 'removed' | 'default'> = {
  running: 'inprogress',
  needsConfirmation: 'moved',
  succeeded: 'success',
  failed: 'removed',
  cancelled: 'default',
};

/** How far the run is, by phase: the IdP does not say how many users there are. */
function runFraction(run: RunStatus): number {
  if (run.status !== 'running' && run.status !== 'needsConfirmation') return 1;
  const order = run.phase === 'refresh' ? PHASE_ORDER.refresh : PHASE_ORDER[run.mode];
  return Math.max(0.05, order.indexOf(run.phase) / (order.length - 1));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function progressText(run: RunStatus): string {
  const { users, groups, memberships } = run.progress;
  return [
    `Users: ${users.seen} seen, ${users.created} created, ${users.updated} updated, ${users.disabled} disabled, ${users.removed} removed, ${users.failed} failed`,
    `groups: ${groups.seen} seen, ${groups.created} created, ${groups.removed} removed, ${groups.failed} failed`,
    `memberships: ${memberships.added} added, ${memberships.removed} removed, ${memberships.failed} failed`,
  ].join('; ');
}

/** Synchronize now, the current run with its progress (and confirmation when it waits), and the run history. */
export function PullRunPanel({ connectionId, canList }: { connectionId: string; canList: boolean }) {
  const latest = useResolver('getRunStatus', { connectionId });
  const history = useResolver('listRunHistory', { connectionId });
  const [error, setError] = useState<ResolverError>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = latest.data?.run ?? undefined;

  useEffect(() => {
    if (run?.status !== 'running') return;
    const timer = setTimeout(() => {
      latest.reload();
      history.reload();
    }, POLL_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- polls while the run it shows runs; the resolver handles are new every render
  }, [run]);

  const act = async (action: () => Promise<ResolverResult<object>>) => {
    setBusy(true);
    const result = await action();
    setBusy(false);
    setError(result.ok ? undefined : result.error);
    setMessage(result.ok && 'message' in result.data ? String(result.data.message) : undefined);
    latest.reload();
    history.reload();
  };

  return (
    <Stack space="space.150">
      <Inline spread="space-between" alignBlock="center">
        <Heading size="small">Synchronization</Heading>
        <ButtonGroup>
          <LoadingButton appearance="primary" isLoading={busy} onClick={() => act(() => call('synchronizeNow', { connectionId, mode: 'full' }))}>
            Synchronize now
          </LoadingButton>
          {canList && <Button onClick={() => act(() => call('synchronizeNow', { connectionId, mode: 'delta' }))}>Sync changes only</Button>}
        </ButtonGroup>
      </Inline>
      <ErrorNotice error={error} />
      {message && <Text>{message}</Text>}
      {run && (
        <CurrentRun
          run={run}
          kind={canList ? run.mode : 'refresh'}
          onConfirm={() => act(() => call('confirmRun', { connectionId, runId: run.id }))}
          onCancel={() => act(() => call('cancelRun', { connectionId, runId: run.id }))}
        />
      )}
      <DynamicTable
        caption="Run history"
        isLoading={history.loading && !history.data}
        emptyView={<EmptyState header="No run yet" description="Runs start on the schedule, or with Synchronize now." />}
        head={{
          cells: [
            { key: 'started', content: 'Started' },
            { key: 'kind', content: 'Run' },
            { key: 'status', content: 'Status' },
            { key: 'result', content: 'Result' },
          ],
        }}
        rows={(history.data?.runs ?? []).map((entry) => ({
          key: entry.id,
          cells: [
            { key: 'started', content: formatTime(entry.startedAt) },
            { key: 'kind', content: `${canList ? entry.mode : 'refresh'}, ${entry.trigger}` },
            { key: 'status', content: <Lozenge appearance={STATUS_APPEARANCE[entry.status]}>{entry.status}</Lozenge> },
            { key: 'result', content: entry.message ?? progressText(entry) },
          ],
        }))}
      />
    </Stack>
  );
}

/** kind: full or delta, or refresh for an IdP that cannot list users (its runs only refresh the users known). */
function CurrentRun({ run, kind, onConfirm, onCancel }: { run: RunStatus; kind: string; onConfirm(): void; onCancel(): void }) {
  const open = run.status === 'running' || run.status === 'needsConfirmation';
  return (
    <Stack space="space.100">
      <Inline space="space.100" alignBlock="center">
        <Text weight="bold">{`Latest run (${kind}), started ${formatTime(run.startedAt)}`}</Text>
        <Lozenge appearance={STATUS_APPEARANCE[run.status]}>{run.status}</Lozenge>
      </Inline>
      <ProgressBar value={runFraction(run)} ariaLabel="Synchronization progress" isIndeterminate={false} />
      <Text size="small">{`Phase ${run.phase}, ${plural(run.progress.pages, 'page')}. ${progressText(run)}.`}</Text>
      {run.awaitingConfirmation && (
        <SectionMessage appearance="warning" title="Waiting for your confirmation">
          <Text>{`This run would remove ${run.awaitingConfirmation.usersToRemove} of ${run.awaitingConfirmation.totalUsers} users and ${run.awaitingConfirmation.groupsToRemove} groups: more than the safety threshold allows without a confirmation.`}</Text>
        </SectionMessage>
      )}
      {open && (
        <ButtonGroup>
          {run.awaitingConfirmation && (
            <Button appearance="warning" onClick={onConfirm}>
              Confirm removals
            </Button>
          )}
          <Button appearance="subtle" onClick={onCancel}>
            Cancel run
          </Button>
        </ButtonGroup>
      )}
    </Stack>
  );
}
