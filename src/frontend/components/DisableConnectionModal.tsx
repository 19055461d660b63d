import { Stack, Text } from '@forge/react';
import { useState } from 'react';
import type { ConnectionSummary } from '../../admin/connection-summary';
import { call, type ResolverError } from '../api';
import { ActionModal } from './ActionModal';
import { ErrorNotice } from './ErrorNotice';

/** Says what disabling does before it is done: the IdP is stopped until an admin enables the app again. */
export function DisableConnectionModal({ connection, onClose }: { connection: ConnectionSummary; onClose(): void }) {
  const [error, setError] = useState<ResolverError>();
  const [disabling, setDisabling] = useState(false);
  const disable = async () => {
    setDisabling(true);
    const result = await call('setConnectionEnabled', { connectionId: connection.id, enabled: false });
    setDisabling(false);
    if (!result.ok) return setError(result.error);
    onClose();
  };
  const stops = connection.method === 'scim' ? 'its SCIM requests are refused' : 'its scheduled and manual pulls do not run';
  return (
    <ActionModal
      title={`Disable ${connection.name}?`}
      action={{ label: 'Disable app', appearance: 'warning', busy: disabling, run: disable }}
      onClose={onClose}
    >
      <Stack space="space.150">
        <ErrorNotice error={error} />
        <Text>{`While the app is disabled, ${stops}, so changes in the identity provider do not reach Atlassian. Users and groups already provisioned stay as they are. Enable it again to resume; the token and settings are kept.`}</Text>
      </Stack>
    </ActionModal>
  );
}
