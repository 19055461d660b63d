import { Heading, Inline, List, ListItem, LoadingButton, SectionMessage, Stack, Text, Textfield } from '@forge/react';
import { useState } from 'react';
import { call, type DataOf, type ResolverError } from '../api';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';

type Lookup = DataOf<'testUserLookup'>;
type Busy = 'test' | 'lookup' | 'sync' | undefined;

/** Test connection, Test user lookup (the Cloud stand-in for LDAP's "Test Sync") and Sync user. */
export function PullTestsPanel({ connectionId }: { connectionId: string }) {
  const [busy, setBusy] = useState<Busy>();
  const [error, setError] = useState<ResolverError>();
  const [connection, setConnection] = useState<DataOf<'testPullConnection'>>();
  const [username, setUsername] = useState('');
  const [lookup, setLookup] = useState<Lookup>();
  const [synced, setSynced] = useState<string>();

  const run = async <T,>(
    which: Busy,
    action: () => Promise<{ ok: true; data: T } | { ok: false; error: ResolverError }>,
    done: (data: T) => void,
  ) => {
    setBusy(which);
    const result = await action();
    setBusy(undefined);
    setError(result.ok ? undefined : result.error);
    if (result.ok) done(result.data);
  };

  return (
    <Stack space="space.150">
      <Heading size="small">Check the connection</Heading>
      <ErrorNotice error={error} />
      <Inline>
        <LoadingButton isLoading={busy === 'test'} onClick={() => run('test', () => call('testPullConnection', { connectionId }), setConnection)}>
          Test connection
        </LoadingButton>
      </Inline>
      {connection && (
        <SectionMessage appearance={connection.connected ? 'success' : 'error'} title={connection.connected ? 'Connected' : 'Not connected'}>
          <Text>{connection.detail}</Text>
        </SectionMessage>
      )}
      <Field
        id="pull-lookup-username"
        label="Username or email"
        helper="Looks the user up in the IdP and shows what a sync would change, without changing anything."
      >
        <Textfield id="pull-lookup-username" value={username} onChange={(event) => setUsername(event.target.value)} />
      </Field>
      <Inline space="space.100">
        <LoadingButton
          isLoading={busy === 'lookup'}
          onClick={() => run('lookup', () => call('testUserLookup', { connectionId, username }), setLookup)}
        >
          Test user lookup
        </LoadingButton>
        <LoadingButton
          isLoading={busy === 'sync'}
          onClick={() =>
            run(
              'sync',
              () => call('syncUser', { connectionId, username }),
              (data) => setSynced(data.message),
            )
          }
        >
          Sync user
        </LoadingButton>
      </Inline>
      {lookup && <LookupResult lookup={lookup} />}
      {synced && (
        <SectionMessage appearance="information" title="Sync user">
          <Text>{synced}</Text>
        </SectionMessage>
      )}
    </Stack>
  );
}

function LookupResult({ lookup }: { lookup: Lookup }) {
  if (!lookup.found) {
    return (
      <SectionMessage appearance="warning" title="Not found">
        <Text>{lookup.message}</Text>
      </SectionMessage>
    );
  }
  const { idpUser, plannedChanges } = lookup;
  return (
    <SectionMessage appearance="success" title={`Found ${idpUser.userName}`}>
      <Stack space="space.100">
        <Text>{`${idpUser.displayName ?? idpUser.userName} · ${idpUser.active ? 'active' : 'inactive'} · ${idpUser.emails.join(', ') || 'no email'}`}</Text>
        <Text>{`Groups: ${idpUser.groups.map((group) => group.displayName ?? group.idpValue).join(', ') || 'none'}`}</Text>
        <Text>{plannedChanges.length ? 'A sync would:' : 'A sync would change nothing.'}</Text>
        {plannedChanges.length > 0 && (
          <List type="unordered">
            {plannedChanges.map((change) => (
              <ListItem key={change.description}>
                <Text>{change.description}</Text>
              </ListItem>
            ))}
          </List>
        )}
      </Stack>
    </SectionMessage>
  );
}
