import { DynamicTable, EmptyState, Inline, LoadingButton, SectionMessage, Stack, Tag, TagGroup, Text } from '@forge/react';
import { useState } from 'react';
import type { DryRunReport, PlannedAction } from '../../provisioning/dry-run';
import type { PlanAction } from '../../provisioning/plan';
import { call, type ResolverError } from '../api';
import { ErrorNotice } from './ErrorNotice';

/** The plan for a connection's first users, read from the Atlassian site, before the connection is let loose. */
export function DryRunPanel({ connectionId }: { connectionId?: string }) {
  const [report, setReport] = useState<DryRunReport>();
  const [error, setError] = useState<ResolverError>();
  const [running, setRunning] = useState(false);
  if (!connectionId) return <EmptyState header="No app selected" description="Choose an app above." />;

  const plan = async () => {
    setRunning(true);
    const result = await call('dryRun', { connectionId, limit: 25 });
    setRunning(false);
    setError(result.ok ? undefined : result.error);
    setReport(result.ok ? result.data : undefined);
  };

  return (
    <Stack space="space.200">
      <Text>
        What the app would do now for the first 25 users, with the current options and credentials. Nothing is changed and nothing is logged.
      </Text>
      <Inline>
        <LoadingButton appearance="primary" isLoading={running} onClick={plan}>
          Show the plan
        </LoadingButton>
      </Inline>
      <ErrorNotice error={error} />
      {report && (
        <Stack space="space.150">
          {report.safety.kind === 'needsConfirmation' && (
            <SectionMessage appearance="warning" title="A run would wait for confirmation">
              <Text>{`It would disable ${Math.round(report.safety.share * 100)}% of these users; the safety limit is ${Math.round(report.safety.limit * 100)}%.`}</Text>
            </SectionMessage>
          )}
          <Text>{`${report.planned.length} of ${report.totalUsers} users planned.`}</Text>
          <TagGroup>
            {Object.entries(report.counts).map(([type, count]) => (
              <Tag key={type} text={countText(type as PlanAction['type'], count)} />
            ))}
          </TagGroup>
          <DynamicTable
            caption="Plan"
            emptyView={<EmptyState header="No users yet" description="The plan lists users once the IdP has sent some." />}
            head={{
              cells: [
                { key: 'user', content: 'User' },
                { key: 'actions', content: 'Would do' },
                { key: 'failures', content: 'Could not plan' },
              ],
            }}
            rows={report.planned.map((user) => ({
              key: user.userId,
              cells: [
                { key: 'user', content: user.userName },
                { key: 'actions', content: user.actions.map(stepText).join('; ') || 'nothing to change' },
                { key: 'failures', content: user.failures.join('; ') || '—' },
              ],
            }))}
          />
        </Stack>
      )}
    </Stack>
  );
}

const COUNT_NOUNS: Record<PlanAction['type'], [one: string, many: string]> = {
  createUser: ['account to create', 'accounts to create'],
  linkAccount: ['existing account to link', 'existing accounts to link'],
  updateProfile: ['profile to update', 'profiles to update'],
  suspend: ['account to suspend', 'accounts to suspend'],
  restore: ['account to reactivate', 'accounts to reactivate'],
  removeProductAccess: ['product access to remove', 'product accesses to remove'],
  createGroup: ['group to create', 'groups to create'],
  deleteGroup: ['group to delete', 'groups to delete'],
  addMember: ['membership to add', 'memberships to add'],
  removeMember: ['membership to remove', 'memberships to remove'],
  releaseMember: ['membership left to another app', 'memberships left to other apps'],
  setProjectLead: ['project lead to change', 'project leads to change'],
  setComponentLead: ['component lead to change', 'component leads to change'],
  setUserProperty: ['attribute to set', 'attributes to set'],
  skip: ['step not done (the plan says why)', 'steps not done (the plan says why)'],
};

function countText(type: PlanAction['type'], count: number): string {
  const [one, many] = COUNT_NOUNS[type];
  return `${count} ${count === 1 ? one : many}`;
}

/** "add to group sales (member of IdP group 'okta-sales')", or "not done: why". */
function stepText(action: PlannedAction): string {
  return action.type === 'skip' ? `not done: ${action.reason}` : `${action.label} (${action.reason})`;
}
