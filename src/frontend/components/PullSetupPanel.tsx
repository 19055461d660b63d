import { List, ListItem, SectionMessage, Stack, Text } from '@forge/react';
import { useResolver } from '../api';
import { ErrorNotice } from './ErrorNotice';
import { PullRunPanel } from './PullRunPanel';
import { PullSettingsForm } from './PullSettingsForm';
import { PullTestsPanel } from './PullTestsPanel';

/** REST pull: what the platform and the provider cannot do, the settings, the checks and the runs. */
export function PullSetupPanel({ connectionId, onChanged }: { connectionId: string; onChanged(): void }) {
  const setup = useResolver('getPullSetup', { connectionId });
  if (!setup.data) return setup.error ? <ErrorNotice error={setup.error} /> : <Text>Loading…</Text>;
  const view = setup.data;
  return (
    <Stack space="space.300">
      <SectionMessage appearance="information" title="What REST pull can and cannot do here">
        <List type="unordered">
          {view.notes.map((note) => (
            <ListItem key={note}>
              <Text>{note}</Text>
            </ListItem>
          ))}
        </List>
      </SectionMessage>
      <PullSettingsForm
        view={view}
        onSaved={() => {
          setup.reload();
          onChanged();
        }}
      />
      <PullTestsPanel connectionId={connectionId} />
      <PullRunPanel connectionId={connectionId} canList={view.canList} />
    </Stack>
  );
}
