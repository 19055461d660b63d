import { Button, DynamicTable, EmptyState, Inline, LoadingButton, Lozenge, Select, Stack, Text, Textfield } from '@forge/react';
import { useEffect, useState } from 'react';
import type { GroupRow, UserRow } from '../../admin/users';
import { call, useResolver, type ResolverError } from '../api';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';
import { formatTime } from './labels';
import { RetryButton } from './RetryButton';
import { ROWS_PER_PAGE, useTablePage } from './table-paging';

type Status = UserRow['status'];
const STATUS_APPEARANCE: Record<Status, 'success' | 'removed' | 'inprogress' | 'default' | 'moved' | 'new'> = {
  synced: 'success',
  failed: 'removed',
  pending: 'inprogress',
  skipped: 'default',
  planned: 'new',
  held: 'moved',
};
const STATUS_OPTIONS = [
  { label: 'Any status', value: '' },
  ...(['failed', 'held', 'pending', 'planned', 'skipped', 'synced'] as const).map((status) => ({
    label: status === 'failed' ? 'failed (Activity: failed or refused)' : status,
    value: status,
  })),
];

/** The users and groups the IdP gave this app, and where each user stands in Atlassian. */
export function UsersPanel({ connectionId, visible }: { connectionId?: string; visible: boolean }) {
  if (!connectionId) return <EmptyState header="No app selected" description="Choose an app above." />;
  return (
    <Stack space="space.300">
      <UsersTable connectionId={connectionId} visible={visible} />
      <GroupsTable connectionId={connectionId} visible={visible} />
    </Stack>
  );
}

function UsersTable({ connectionId, visible }: { connectionId: string; visible: boolean }) {
  const [status, setStatus] = useState<Status>();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<UserRow[]>();
  const [next, setNext] = useState<number>();
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<ResolverError>();
  const [loading, setLoading] = useState(false);
  const paging = useTablePage();

  const load = async (startIndex?: number) => {
    setLoading(true);
    const rowsBefore = startIndex ? (rows?.length ?? 0) : 0;
    const result = await call('listUsers', {
      connectionId,
      ...(status ? { status } : {}),
      ...(search ? { text: search } : {}),
      ...(startIndex ? { startIndex } : {}),
    });
    setLoading(false);
    setError(result.ok ? undefined : result.error);
    if (!result.ok) return;
    setRows((current) => (startIndex ? [...(current ?? []), ...result.data.items] : result.data.items));
    paging.showLoaded(rowsBefore);
    setNext(result.data.nextStartIndex);
    setTotal(result.data.total);
  };
  useEffect(() => {
    if (visible) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loads again when what it shows changes; load itself is new every render
  }, [connectionId, status, search, visible]);

  return (
    <Stack space="space.150">
      <Inline space="space.200" alignBlock="end" shouldWrap>
        <Field id="users-status" label="Sync status">
          <Select
            id="users-status"
            options={STATUS_OPTIONS}
            value={STATUS_OPTIONS.find((option) => option.value === (status ?? ''))}
            onChange={(option: { value: string }) => setStatus((option.value || undefined) as Status | undefined)}
          />
        </Field>
        <Field id="users-text" label="Name or email contains">
          <Textfield id="users-text" value={text} onChange={(event) => setText(event.target.value)} />
        </Field>
        <Button onClick={() => setSearch(text.trim())}>Search</Button>
        <LoadingButton appearance="subtle" isLoading={loading} onClick={() => load()}>
          Refresh
        </LoadingButton>
      </Inline>
      <ErrorNotice error={error} />
      <DynamicTable
        caption={`Users (${total} from the IdP)`}
        isLoading={loading && !rows}
        rowsPerPage={ROWS_PER_PAGE}
        page={paging.page}
        onSetPage={paging.setPage}
        emptyView={<EmptyState header="No users" description="Users appear here as soon as the IdP sends them." />}
        head={{
          cells: ['User', 'In the IdP', 'Sync', 'Atlassian account', 'Custom attributes', 'Problem'].map((title) => ({ key: title, content: title })),
        }}
        rows={(rows ?? []).map((user) => ({
          key: user.id,
          cells: [
            {
              key: 'user',
              content: (
                <Stack space="space.0">
                  <Text weight="bold">{user.displayName ?? user.userName}</Text>
                  <Text size="small">{[user.userName, ...user.emails.filter((email) => email !== user.userName)].join(', ')}</Text>
                </Stack>
              ),
            },
            {
              key: 'idp',
              content: (
                <Lozenge appearance={user.active ? 'success' : 'default'}>
                  {user.active === undefined ? 'active not set' : user.active ? 'active' : 'inactive'}
                </Lozenge>
              ),
            },
            {
              key: 'sync',
              content: (
                <Stack space="space.0" alignInline="start">
                  <Lozenge appearance={STATUS_APPEARANCE[user.status]}>{user.status}</Lozenge>
                  <Text size="small">{user.syncedAt ? formatTime(user.syncedAt) : ''}</Text>
                </Stack>
              ),
            },
            {
              key: 'account',
              content: (
                <Stack space="space.0">
                  <Text>{user.atlassianEmail ?? '—'}</Text>
                  <Text size="small">{user.accountId ? `account ${user.accountId}` : 'no account linked yet'}</Text>
                </Stack>
              ),
            },
            {
              key: 'custom',
              content:
                Object.entries(user.customAttributes)
                  .map(([name, value]) => `${name}: ${value}`)
                  .join('; ') || '—',
            },
            {
              key: 'problem',
              content: (
                <Inline space="space.100" alignBlock="center">
                  <Text size="small">{user.lastError ?? ''}</Text>
                  {(user.status === 'failed' || user.status === 'skipped') && (
                    <RetryButton connectionId={connectionId} kind="user" subjectId={user.id} onDone={() => load()} />
                  )}
                </Inline>
              ),
            },
          ],
        }))}
      />
      {next && (
        <Inline>
          <LoadingButton isLoading={loading} onClick={() => load(next)}>
            Load more
          </LoadingButton>
        </Inline>
      )}
    </Stack>
  );
}

function GroupsTable({ connectionId, visible }: { connectionId: string; visible: boolean }) {
  const groups = useResolver('listGroups', { connectionId }, !visible);
  /** Pages after the first, added by Load more; dropped when the first page loads again. */
  const [more, setMore] = useState<{ items: GroupRow[]; next?: number }>();
  const [loading, setLoading] = useState(false);
  const paging = useTablePage();
  useEffect(() => setMore(undefined), [groups.data]);
  const rows = [...(groups.data?.items ?? []), ...(more?.items ?? [])];
  const next = more ? more.next : groups.data?.nextStartIndex;
  const loadMore = async () => {
    setLoading(true);
    const result = await call('listGroups', { connectionId, startIndex: next });
    setLoading(false);
    if (!result.ok) return;
    setMore({ items: [...(more?.items ?? []), ...result.data.items], next: result.data.nextStartIndex });
    paging.showLoaded(rows.length);
  };
  return (
    <Stack space="space.150">
      <ErrorNotice error={groups.error} />
      <DynamicTable
        caption={`Groups (${groups.data?.total ?? 0} from the IdP)`}
        isLoading={groups.loading && !groups.data}
        rowsPerPage={ROWS_PER_PAGE}
        page={paging.page}
        onSetPage={paging.setPage}
        emptyView={<EmptyState header="No groups" description="Groups appear when the IdP pushes them (Okta: Push Groups)." />}
        head={{
          cells: [
            { key: 'name', content: 'Group' },
            { key: 'atlassian', content: 'Atlassian group' },
            { key: 'external', content: 'IdP id' },
            { key: 'changed', content: 'Last changed' },
          ],
        }}
        rows={rows.map((group) => ({
          key: group.id,
          cells: [
            { key: 'name', content: group.displayName },
            { key: 'atlassian', content: group.atlassianGroups.join(', ') || 'not imported (see Group sync)' },
            { key: 'external', content: group.externalId ?? '—' },
            { key: 'changed', content: formatTime(group.lastModified) },
          ],
        }))}
      />
      {next && (
        <Inline>
          <LoadingButton isLoading={loading} onClick={loadMore}>
            Load more groups
          </LoadingButton>
        </Inline>
      )}
    </Stack>
  );
}
