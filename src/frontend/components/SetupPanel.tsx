import { EmptyState } from '@forge/react';
import type { ConnectionSummary } from '../../admin/connection-summary';
import { PullSetupPanel } from './PullSetupPanel';
import { ScimSetupPanel } from './ScimSetupPanel';

/** `onChanged`: the REST-pull settings were saved (the connection's status may have changed). */
export function SetupPanel({ connection, visible, onChanged }: { connection?: ConnectionSummary; visible: boolean; onChanged(): void }) {
  if (!connection) return <EmptyState header="No app selected" description="Add an app on the Connections tab, or choose one above." />;
  return connection.method === 'scim' ? (
    <ScimSetupPanel connectionId={connection.id} visible={visible} />
  ) : (
    <PullSetupPanel connectionId={connection.id} onChanged={onChanged} />
  );
}
