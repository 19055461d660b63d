import { Button, ButtonGroup, Inline, LoadingButton, Lozenge, SectionMessage, Stack, Text } from '@forge/react';
import { useEffect, useState } from 'react';
import type { ReevaluationView } from '../../admin/reevaluation';
import type { DryRunReport } from '../../provisioning/dry-run';
import { call, useResolver, type ResolverError } from '../api';
import { ErrorNotice } from './ErrorNotice';

const POLL_MS = 2000;

const WHAT: Record<NonNullable<ReevaluationView['run']>['reason'], string> = {
  options: 'Applying the new options',
  dryRunOff: 'Applying what the dry run planned',
  enabled: 'Applying the directory of the enabled app',
  credentials: 'Applying with the new Atlassian credentials',
  pullRun: 'Checking every record after the full run',
  drift: 'Checking the site for changes made by hand',
  confirmed: 'Applying the confirmed removals',
};

/** "Applying the new options: 3,200 of 10,000", the removals waiting for Confirm or Cancel, and "Check the site now". */
export function ConvergencePanel({ connectionId, refreshAt }: { connectionId: string; refreshAt: number }) {
  const loaded = useResolver('getReevaluation', { connectionId });
  const [error, setError] = useState<ResolverError>();
  const [busy, setBusy] = useState<string>();
  const { data: view, reload } = loaded;
  const running = view?.run?.status === 'running';
  useEffect(() => reload(), [refreshAt, reload]);
  useEffect(() => {
    if (!running) return undefined;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [running, view, reload]);

  async function act(key: 'checkSiteNow' | 'confirmRemovals' | 'cancelRemovals') {
    setBusy(key);
    const result = await call(key, { connectionId });
    setBusy(undefined);
    setError(result.ok ? undefined : result.error);
    loaded.reload();
  }

  const run = view?.run;
  const count = (n: number) => n.toLocaleString('en-US');
  return (
    <Stack space="space.100">
      <ErrorNotice error={error ?? loaded.error} />
      {run && (
        <Inline space="space.100" alignBlock="center">
          <Lozenge appearance={running ? 'inprogress' : 'success'}>{running ? 'in progress' : 'done'}</Lozenge>
          <Text>
            {WHAT[run.reason]}
            {run.mode === 'report' ? ' (report only)' : ''}: {count(Math.min(run.done, run.total))} of {count(run.total)}
            {running ? '' : `, ${count(run.changed)} with changes, ${count(run.failed)} failed`}
          </Text>
        </Inline>
      )}
      {view && view.heldCount > 0 && (
        <SectionMessage appearance="warning" title={`${count(view.heldCount)} removals wait for your confirmation`}>
          <Stack space="space.050">
            {view.held.slice(0, 10).map((hold) => (
              <Text key={hold.id}>{`${hold.subject.label ?? hold.subject.id}: ${hold.action}`}</Text>
            ))}
            <ButtonGroup label="Held removals">
              <LoadingButton appearance="warning" isLoading={busy === 'confirmRemovals'} onClick={() => act('confirmRemovals')}>
                Confirm removals
              </LoadingButton>
              <LoadingButton isLoading={busy === 'cancelRemovals'} onClick={() => act('cancelRemovals')}>
                Cancel removals
              </LoadingButton>
            </ButtonGroup>
          </Stack>
        </SectionMessage>
      )}
      <Inline>
        <LoadingButton isLoading={busy === 'checkSiteNow'} isDisabled={running} onClick={() => act('checkSiteNow')}>
          Check the site now
        </LoadingButton>
      </Inline>
    </Stack>
  );
}

/** What saving the draft would do, from the dry run's planner: accounts to create, update, deactivate, memberships. */
export function impactText(report: DryRunReport): string {
  const c = report.counts;
  const parts = [
    `${c.createUser ?? 0} accounts to create`,
    `${c.linkAccount ?? 0} to link`,
    `${c.updateProfile ?? 0} to update`,
    `${(c.suspend ?? 0) + (c.removeProductAccess ?? 0)} to deactivate`,
    `${c.restore ?? 0} to reactivate`,
    `${c.addMember ?? 0} memberships to add`,
    `${c.removeMember ?? 0} to remove`,
  ];
  return `For the first ${report.planned.length} of ${report.totalUsers} users: ${parts.join(', ')}.`;
}

export function PreviewButton({ onPreview }: { onPreview(): Promise<void> }) {
  const [loading, setLoading] = useState(false);
  return (
    <Button
      onClick={async () => {
        setLoading(true);
        await onPreview();
        setLoading(false);
      }}
      isDisabled={loading}
    >
      Preview impact
    </Button>
  );
}
