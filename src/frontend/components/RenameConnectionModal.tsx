import { Textfield } from '@forge/react';
import { useState } from 'react';
import type { ConnectionSummary } from '../../admin/connection-summary';
import { call, type ResolverError } from '../api';
import { ActionModal } from './ActionModal';
import { ErrorNotice } from './ErrorNotice';
import { errorAt, Field } from './Field';

export function RenameConnectionModal({ connection, onClose }: { connection: ConnectionSummary; onClose(): void }) {
  const [name, setName] = useState(connection.name);
  const [error, setError] = useState<ResolverError>();
  const [saving, setSaving] = useState(false);
  const rename = async () => {
    setSaving(true);
    const result = await call('renameConnection', { connectionId: connection.id, name });
    setSaving(false);
    if (result.ok) onClose();
    else setError(result.error);
  };
  return (
    <ActionModal title={`Rename ${connection.name}`} action={{ label: 'Rename', appearance: 'primary', busy: saving, run: rename }} onClose={onClose}>
      <ErrorNotice error={error?.fields ? undefined : error} />
      <Field id="rename-app-name" label="App name" error={errorAt(error?.fields, 'name')}>
        <Textfield id="rename-app-name" value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
    </ActionModal>
  );
}
