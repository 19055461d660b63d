import { List, ListItem, Stack, Text } from '@forge/react';
import { useState } from 'react';
import type { ConnectionSummary } from '../../admin/connection-summary';
import { call, type ResolverError } from '../api';
import { ActionModal } from './ActionModal';
import { ErrorNotice } from './ErrorNotice';

/** Says what deleting does, and goes on calling until a large directory is gone. */
export function DeleteConnectionModal({ connection, onClose }: { connection: ConnectionSummary; onClose(): void }) {
  const [error, setError] = useState<ResolverError>();
  const [deleting, setDeleting] = useState(false);
  const [deletedKeys, setDeletedKeys] = useState(0);

  const remove = async () => {
    setDeleting(true);
    for (let deleted = 0; ;) {
      const result = await call('deleteConnection', { connectionId: connection.id, confirm: true });
      if (!result.ok) {
        setDeleting(false);
        return setError(result.error);
      }
      deleted += result.data.deletedKeys;
      setDeletedKeys(deleted);
      if (result.data.done) return onClose();
    }
  };

  const { users, groups } = connection.directory;
  return (
    <ActionModal
      title={`Delete ${connection.name}?`}
      action={{ label: 'Delete app', appearance: 'danger', busy: deleting, run: remove }}
      onClose={onClose}
    >
      <Stack space="space.150">
        <ErrorNotice error={error} />
        <Text>Deleting this app:</Text>
        <List type="unordered">
          <ListItem>
            <Text>stops the IdP at once: its SCIM URL and token, or its scheduled pulls, no longer work;</Text>
          </ListItem>
          <ListItem>
            <Text>{`removes what the app stored for it: ${users} users and ${groups} groups as the IdP described them, their sync state, the provisioning options, the request log and any IdP credential;`}</Text>
          </ListItem>
          <ListItem>
            <Text>
              does not touch Atlassian: users and groups it provisioned stay in your site as they are, with their product access and memberships.
              Nothing is deactivated or deleted there; manage them in Atlassian Administration.
            </Text>
          </ListItem>
        </List>
        {deleting && <Text>{`Deleting… ${deletedKeys} records removed so far.`}</Text>}
      </Stack>
    </ActionModal>
  );
}
