import { Button, DynamicTable, EmptyState, Inline, LoadingButton, Lozenge, Select, Stack, Text, Textfield } from '@forge/react';
import { useEffect, useState } from 'react';
import type { ConnectionSummary } from '../../admin/connection-summary';
import type { PagePreferences } from '../../admin/page-preferences';
import type { ActivityEntry, ActivityFilter } from '../../records/activity-log';
import { call, type ResolverError } from '../api';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';
import { formatTime } from './labels';
import { isRetryableKind, RetryButton } from './RetryButton';
import { ROWS_PER_PAGE, useTablePage } from './table-paging';

type Result = ActivityEntry['result'];
type ResultFilter = ActivityFilter['result'];
interface Filter {
  connectionId?: string;
  result?: ResultFilter;
  text: string;
}

const RESULTS: Result[] = ['failed', 'refused', 'held', 'applied', 'skipped', 'planned', 'accepted'];
const RESULT_APPEARANCE: Record<Result, 'removed' | 'moved' | 'success' | 'default' | 'new' | 'inprogress'> = {
  failed: 'removed',
  refused: 'moved',
  applied: 'success',
  skipped: 'default',
  planned: 'new',
  accepted: 'inprogress',
  held: 'moved',
};

/** Every change the app made or refused, newest first; failed items say why and can be retried. */
export function ActivityPanel({
  connections,
  visible,
  remembered,
}: {
  connections: ConnectionSummary[];
  visible: boolean;
  remembered?: PagePreferences['activity'];
}) {
  const [filter, setShownFilter] = useState<Filter>({ text: '', ...remembered });
  const [text, setText] = useState(remembered?.text ?? '');
  /** The filter is remembered for the next visit. */
  const setFilter = (next: Filter) => {
    setShownFilter(next);
    void call('savePagePreferences', {
      activity: { connectionId: next.connectionId, result: next.result, ...(next.text ? { text: next.text } : {}) },
    });
  };
  const [entries, setEntries] = useState<ActivityEntry[]>();
  const [cursor, setCursor] = useState<string>();
  const [error, setError] = useState<ResolverError>();
  const [loading, setLoading] = useState(false);

  const paging = useTablePage();

  const load = async (from?: string) => {
    setLoading(true);
    const rowsBefore = from ? (entries?.length ?? 0) : 0;
    const result = await call('listActivity', {
      ...(filter.connectionId ? { connectionId: filter.connectionId } : {}),
      ...(filter.result ? { result: filter.result } : {}),
      ...(filter.text ? { text: filter.text } : {}),
      ...(from ? { cursor: from } : {}),
    });
    setLoading(false);
    setError(result.ok ? undefined : result.error);
    if (!result.ok) return;
    setEntries((current) => (from ? [...(current ?? []), ...result.data.entries] : result.data.entries));
    paging.showLoaded(rowsBefore);
    setCursor(result.data.cursor);
  };
  useEffect(() => {
    if (visible) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loads again when what it shows changes; load itself is new every render
  }, [filter, visible]);

  const names = new Map(connections.map((connection) => [connection.id, connection.name]));
  const connectionOptions = [
    { label: 'All apps', value: '' },
    ...connections.map((connection) => ({ label: connection.name, value: connection.id })),
  ];
  const resultOptions = [
    { label: 'Any result', value: '' },
    { label: 'failed or refused', value: 'problem' },
    ...RESULTS.map((result) => ({ label: `${result} only`, value: result })),
  ];

  return (
    <Stack space="space.200">
      <Inline space="space.200" alignBlock="end" shouldWrap>
        <Field id="activity-connection" label="App">
          <Select
            id="activity-connection"
            options={connectionOptions}
            value={connectionOptions.find((option) => option.value === (filter.connectionId ?? ''))}
            onChange={(option: { value: string }) => setFilter({ ...filter, connectionId: option.value || undefined })}
          />
        </Field>
        <Field id="activity-result" label="Result">
          <Select
            id="activity-result"
            options={resultOptions}
            value={resultOptions.find((option) => option.value === (filter.result ?? ''))}
            onChange={(option: { value: string }) => setFilter({ ...filter, result: (option.value || undefined) as ResultFilter })}
          />
        </Field>
        <Field id="activity-text" label="Contains">
          <Textfield id="activity-text" value={text} onChange={(event) => setText(event.target.value)} placeholder="user, group, reason…" />
        </Field>
        <Button onClick={() => setFilter({ ...filter, text: text.trim() })}>Search</Button>
      </Inline>
      <ErrorNotice error={error} />
      <DynamicTable
        caption="Activity"
        isLoading={loading && !entries}
        rowsPerPage={ROWS_PER_PAGE}
        page={paging.page}
        onSetPage={paging.setPage}
        emptyView={<EmptyState header="Nothing here" description="Changes appear as the IdP sends them and the app applies them." />}
        head={{ cells: ['Time', 'App', 'By', 'Subject', 'Action', 'Result', 'Why'].map((title) => ({ key: title.toLowerCase(), content: title })) }}
        rows={(entries ?? []).map((entry) => ({
          key: entry.id,
          cells: [
            { key: 'time', content: formatTime(entry.at) },
            { key: 'app', content: entry.connectionId ? (names.get(entry.connectionId) ?? deletedAppName(entry)) : '—' },
            { key: 'by', content: entry.actor },
            { key: 'subject', content: `${entry.subject.kind} ${entry.subject.label ?? entry.subject.id}` },
            { key: 'action', content: entry.action },
            { key: 'result', content: <Lozenge appearance={RESULT_APPEARANCE[entry.result]}>{entry.result}</Lozenge> },
            {
              key: 'why',
              content: (
                <Inline space="space.100" alignBlock="center">
                  <Text size="small">{entry.reason ?? ''}</Text>
                  {entry.retryable && entry.connectionId && isRetryableKind(entry.subject.kind) && (
                    <RetryButton connectionId={entry.connectionId} kind={entry.subject.kind} subjectId={entry.subject.id} />
                  )}
                </Inline>
              ),
            },
          ],
        }))}
      />
      {cursor && (
        <Inline>
          <LoadingButton isLoading={loading} onClick={() => load(cursor)}>
            Load more
          </LoadingButton>
        </Inline>
      )}
    </Stack>
  );
}

/** A deleted app's entries keep the name its own entries recorded, if any. */
function deletedAppName(entry: ActivityEntry): string {
  return entry.subject.kind === 'connection' && entry.subject.label ? `${entry.subject.label} (deleted)` : 'a deleted app';
}
