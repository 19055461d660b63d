import { Box, Heading, Inline, Lozenge, Select, Stack, Tab, TabList, TabPanel, Tabs, Text, xcss } from '@forge/react';
import { useState, type ReactNode } from 'react';
import type { ConnectionSummary } from '../admin/connection-summary';
import { call, useResolver } from './api';
import { ActivityPanel } from './components/ActivityPanel';
import { ConnectionsPanel } from './components/ConnectionsPanel';
import { CredentialsPanel } from './components/CredentialsPanel';
import { DryRunPanel } from './components/DryRunPanel';
import { ErrorNotice } from './components/ErrorNotice';
import { Field } from './components/Field';
import { GroupSyncPanel } from './components/GroupSyncPanel';
import { KeyExpiryNotices } from './components/KeyExpiryNotices';
import { METHOD_LABELS, PROVIDER_LABELS, STATUS_LOZENGES } from './components/labels';
import { SetupPanel } from './components/SetupPanel';
import { UserSyncPanel } from './components/UserSyncPanel';
import { UsersPanel } from './components/UsersPanel';
import { useOptionsEditor } from './components/useOptionsEditor';

const TABS = ['Connections', 'Setup', 'User sync', 'Group sync', 'Atlassian credentials', 'Users & groups', 'Activity', 'Dry run'] as const;
const SETUP_TAB = TABS.indexOf('Setup');
const panelStyle = xcss({ paddingBlock: 'space.200' });

type TabTitle = (typeof TABS)[number];

/** The admin page: the IdP connections, and per connection its setup, options, users and activity. */
export function App() {
  const list = useResolver('listConnections', {});
  const connections = list.data?.connections ?? [];
  const preferences = useResolver('getPagePreferences', {});
  const keyExpiry = useResolver('getKeyExpiry', {});
  const [selectedId, setSelectedId] = useState<string>();
  const [tab, setTab] = useState(0);
  const chosenId = selectedId ?? preferences.data?.selectedConnectionId;
  const selected = connections.find((connection) => connection.id === chosenId) ?? connections[0];
  const select = (connectionId: string) => {
    setSelectedId(connectionId);
    void call('savePagePreferences', { selectedConnectionId: connectionId });
  };
  const editor = useOptionsEditor(selected?.id);

  if (list.error) return <ErrorNotice error={list.error} />;
  // Live views load when their tab is shown, so that they show what happened meanwhile.
  const visible = (title: TabTitle) => TABS[tab] === title;
  const showTab = (index: number) => {
    setTab(index);
    list.reload();
  };
  const panels: Record<TabTitle, ReactNode> = {
    Connections: (
      <ConnectionsPanel
        connections={list.data?.connections}
        loading={list.loading}
        onChanged={list.reload}
        onConfigure={(connectionId) => {
          select(connectionId);
          setTab(SETUP_TAB);
        }}
      />
    ),
    Setup: <SetupPanel connection={selected} visible={visible('Setup')} onChanged={list.reload} />,
    'User sync': <UserSyncPanel editor={editor} />,
    'Group sync': <GroupSyncPanel editor={editor} />,
    'Atlassian credentials': <CredentialsPanel />,
    'Users & groups': <UsersPanel connectionId={selected?.id} visible={visible('Users & groups')} />,
    Activity: preferences.loading ? null : (
      <ActivityPanel connections={connections} visible={visible('Activity')} remembered={preferences.data?.activity} />
    ),
    'Dry run': <DryRunPanel connectionId={selected?.id} />,
  };

  return (
    <Stack space="space.200">
      <Heading size="large">User & Group Sync</Heading>
      <Text>Keep Jira, Confluence and Bitbucket users and groups in step with your identity provider, over SCIM push or REST pull.</Text>
      <KeyExpiryNotices notices={keyExpiry.data} />
      <ConnectionChooser connections={connections} selected={selected} onSelect={select} />
      <Tabs id="admin-tabs" selected={tab} onChange={showTab}>
        <TabList>
          {TABS.map((title) => (
            <Tab key={title}>{title}</Tab>
          ))}
        </TabList>
        {TABS.map((title) => (
          <TabPanel key={title}>
            <Box xcss={panelStyle}>{panels[title]}</Box>
          </TabPanel>
        ))}
      </Tabs>
    </Stack>
  );
}

function ConnectionChooser(props: { connections: ConnectionSummary[]; selected?: ConnectionSummary; onSelect(connectionId: string): void }) {
  if (!props.selected) return null;
  const options = props.connections.map((connection) => ({ label: connection.name, value: connection.id }));
  const { selected } = props;
  return (
    <Inline space="space.200" alignBlock="end">
      <Field id="selected-app" label="App shown in the other tabs">
        <Select
          id="selected-app"
          options={options}
          value={{ label: selected.name, value: selected.id }}
          onChange={(option: { value: string }) => props.onSelect(option.value)}
        />
      </Field>
      <Text>{`${PROVIDER_LABELS[selected.provider]} · ${METHOD_LABELS[selected.method]}`}</Text>
      <Lozenge appearance={STATUS_LOZENGES[selected.status].appearance}>{STATUS_LOZENGES[selected.status].text}</Lozenge>
    </Inline>
  );
}
