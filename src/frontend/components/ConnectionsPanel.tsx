import { Badge, Button, ButtonGroup, DynamicTable, EmptyState, Inline, Lozenge, Stack, Text } from '@forge/react';
import { useState } from 'react';
import type { ConnectionSummary } from '../../admin/connection-summary';
import { call, type ResolverError } from '../api';
import { AddConnectionModal } from './AddConnectionModal';
import { DeleteConnectionModal } from './DeleteConnectionModal';
import { DisableConnectionModal } from './DisableConnectionModal';
import { ErrorNotice } from './ErrorNotice';
import { formatTime, METHOD_LABELS, PROVIDER_LABELS, STATUS_LOZENGES } from './labels';
import { RenameConnectionModal } from './RenameConnectionModal';

type OpenModal = { kind: 'add' } | { kind: 'rename' | 'disable' | 'delete'; connection: ConnectionSummary };

export interface ConnectionsPanelProps {
  connections?: ConnectionSummary[];
  loading: boolean;
  onChanged(): void;
  onConfigure(connectionId: string): void;
}

/** Every IdP connection ("app"), with what it did lately, and the actions on it. */
export function ConnectionsPanel(props: ConnectionsPanelProps) {
  const [modal, setModal] = useState<OpenModal>();
  const [error, setError] = useState<ResolverError>();

  const enable = async (connection: ConnectionSummary) => {
    const result = await call('setConnectionEnabled', { connectionId: connection.id, enabled: true });
    setError(result.ok ? undefined : result.error);
    props.onChanged();
  };
  const closed = (createdId?: string) => {
    setModal(undefined);
    props.onChanged();
    if (createdId) props.onConfigure(createdId);
  };

  return (
    <Stack space="space.200">
      <Inline spread="space-between" alignBlock="center">
        <Text>Each app is one identity provider connection, with its own SCIM URL and token or its own REST-pull settings.</Text>
        <Button appearance="primary" iconBefore="add" onClick={() => setModal({ kind: 'add' })}>
          Add new app
        </Button>
      </Inline>
      <ErrorNotice error={error} />
      <DynamicTable
        caption="Configured identity providers"
        isLoading={props.loading && !props.connections}
        emptyView={
          <EmptyState
            header="No identity provider yet"
            description="Add an app for Okta, Microsoft Entra ID, Oracle IDCS, miniOrange or any SCIM 2.0 client."
          />
        }
        head={{
          cells: [
            { key: 'name', content: 'Name' },
            { key: 'provider', content: 'Provider' },
            { key: 'method', content: 'Method' },
            { key: 'status', content: 'Status' },
            { key: 'activity', content: 'Last activity' },
            { key: 'users', content: 'Users' },
            { key: 'synced', content: 'Synced' },
            { key: 'failed', content: 'Failed' },
            { key: 'skipped', content: 'Skipped' },
            { key: 'planned', content: 'Planned' },
            { key: 'actions', content: 'Actions' },
          ],
        }}
        rows={(props.connections ?? []).map((connection) => ({
          key: connection.id,
          cells: [
            {
              key: 'name',
              content: (
                <Stack space="space.050">
                  <Text weight="bold">{connection.name}</Text>
                  <Text size="small">{connection.statusDetail}</Text>
                </Stack>
              ),
            },
            { key: 'provider', content: PROVIDER_LABELS[connection.provider] },
            { key: 'method', content: METHOD_LABELS[connection.method] },
            {
              key: 'status',
              content: <Lozenge appearance={STATUS_LOZENGES[connection.status].appearance}>{STATUS_LOZENGES[connection.status].text}</Lozenge>,
            },
            { key: 'activity', content: formatTime(connection.lastActivityAt) },
            { key: 'users', content: <Badge>{connection.directory.users}</Badge> },
            { key: 'synced', content: <Badge appearance="added">{countText(connection.sync.synced, connection.sync.complete)}</Badge> },
            {
              key: 'failed',
              content: (
                <Badge appearance={connection.sync.failed > 0 ? 'important' : 'default'}>
                  {countText(connection.sync.failed, connection.sync.complete)}
                </Badge>
              ),
            },
            { key: 'skipped', content: <Badge>{countText(connection.sync.skipped, connection.sync.complete)}</Badge> },
            { key: 'planned', content: <Badge appearance="primary">{countText(connection.sync.planned, connection.sync.complete)}</Badge> },
            {
              key: 'actions',
              content: (
                <ButtonGroup label={`Actions for ${connection.name}`}>
                  <Button appearance="subtle" onClick={() => props.onConfigure(connection.id)}>
                    Configure
                  </Button>
                  <Button appearance="subtle" onClick={() => setModal({ kind: 'rename', connection })}>
                    Rename
                  </Button>
                  <Button appearance="subtle" onClick={() => (connection.enabled ? setModal({ kind: 'disable', connection }) : enable(connection))}>
                    {connection.enabled ? 'Disable' : 'Enable'}
                  </Button>
                  <Button appearance="subtle" onClick={() => setModal({ kind: 'delete', connection })}>
                    Delete
                  </Button>
                </ButtonGroup>
              ),
            },
          ],
        }))}
      />
      {modal?.kind === 'add' && <AddConnectionModal onClose={closed} />}
      {modal?.kind === 'rename' && <RenameConnectionModal connection={modal.connection} onClose={() => closed()} />}
      {modal?.kind === 'disable' && <DisableConnectionModal connection={modal.connection} onClose={() => closed()} />}
      {modal?.kind === 'delete' && <DeleteConnectionModal connection={modal.connection} onClose={() => closed()} />}
    </Stack>
  );
}

function countText(count: number, complete: boolean): string {
  return complete ? String(count) : `${count}+`;
}
