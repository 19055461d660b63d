import { Checkbox, Heading, Inline, LoadingButton, SectionMessage, Stack, Text, Textfield } from '@forge/react';
import { useEffect, useState } from 'react';
import type { CredentialsView, CredentialTest } from '../../admin/credentials';
import type { AtlassianConfig, SecretKind } from '../../atlassian/credentials';
import { call, useResolver, type ResolverError } from '../api';
import { CapabilityMatrix } from './CapabilityMatrix';
import { ErrorNotice } from './ErrorNotice';
import { errorAt, Field, type FieldErrors } from './Field';
import { KeyExpiryNotices } from './KeyExpiryNotices';

type ConfigKey = Exclude<keyof AtlassianConfig, 'useAsApp'>;

interface CredentialSection {
  title: string;
  description: string;
  fields: { key: ConfigKey; label: string }[];
  /** noun: the label inside a sentence. */
  secret?: { kind: SecretKind; label: string; noun: string };
}

const SECTIONS: CredentialSection[] = [
  {
    title: 'Directory API key (Atlassian user provisioning)',
    description:
      "Creates, updates and deactivates users and manages groups of one identity-provider directory. From Atlassian Administration's identity provider setup: the directory base URL ends in /scim/directory/{directory ID}.",
    fields: [{ key: 'scimDirectoryId', label: 'Directory ID' }],
    secret: { kind: 'directoryKey', label: 'Directory API key', noun: 'directory API key' },
  },
  {
    title: 'Organization API key',
    description: 'Invites, suspends and restores users and manages organization groups.',
    fields: [
      { key: 'orgId', label: 'Organization ID' },
      { key: 'orgDirectoryId', label: 'Organization directory ID' },
    ],
    secret: { kind: 'orgKey', label: 'Organization API key', noun: 'organization API key' },
  },
  {
    title: "Site admin's API token",
    description: 'Site groups and memberships, project and component leads, user properties (custom attributes).',
    fields: [
      { key: 'siteUrl', label: 'Site URL' },
      { key: 'siteAdminEmail', label: 'Site admin email' },
    ],
    secret: { kind: 'siteToken', label: 'API token', noun: "site admin's API token" },
  },
  {
    title: 'Bitbucket',
    description: 'Workspace groups and their members.',
    fields: [
      { key: 'bitbucketWorkspace', label: 'Workspace' },
      { key: 'bitbucketUsername', label: 'Username' },
    ],
    secret: { kind: 'bitbucketToken', label: 'Bitbucket API token', noun: 'Bitbucket API token' },
  },
];

interface Draft {
  config: Record<ConfigKey, string>;
  useAsApp: boolean;
  secrets: Partial<Record<SecretKind, string>>;
  clear: SecretKind[];
  /** Expiry dates as typed (YYYY-MM-DD), only for the keys whose date was touched. */
  expiresOn: Partial<Record<SecretKind, string>>;
}

function draftOf(view: CredentialsView): Draft {
  const keys = SECTIONS.flatMap((section) => section.fields.map((field) => field.key));
  return {
    config: Object.fromEntries(keys.map((key) => [key, view.config[key] ?? ''])) as Record<ConfigKey, string>,
    useAsApp: view.config.useAsApp,
    secrets: {},
    clear: [],
    expiresOn: {},
  };
}

/** The credentials the customer grants on the Atlassian side; keys and tokens are only ever reported as set. */
export function CredentialsPanel() {
  const loaded = useResolver('getCredentials', {});
  const [view, setView] = useState<CredentialsView>();
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<ResolverError>();
  const [saving, setSaving] = useState(false);
  const [test, setTest] = useState<CredentialTest>();
  const [testing, setTesting] = useState(false);
  useEffect(() => {
    if (!loaded.data) return;
    setView(loaded.data);
    setDraft(draftOf(loaded.data));
  }, [loaded.data]);

  if (!view || !draft) return loaded.error ? <ErrorNotice error={loaded.error} /> : <Text>Loading…</Text>;

  const save = async () => {
    setSaving(true);
    const config = Object.fromEntries(Object.entries(draft.config).filter(([, value]) => value.trim() !== ''));
    const result = await call('saveCredentials', {
      config: { ...config, useAsApp: draft.useAsApp },
      secrets: draft.secrets,
      clearSecrets: draft.clear,
      expiresOn: draft.expiresOn,
    });
    setSaving(false);
    setError(result.ok ? undefined : result.error);
    if (result.ok) {
      setView(result.data);
      setDraft(draftOf(result.data));
    }
  };
  const runTest = async () => {
    setTesting(true);
    const result = await call('testCredentials', {});
    setTesting(false);
    setError(result.ok ? undefined : result.error);
    setTest(result.ok ? result.data : undefined);
  };

  return (
    <Stack space="space.300">
      <Text>
        Forge apps cannot create users or change groups as themselves: grant at least one of these. The matrix below shows what each one enables.
      </Text>
      <ErrorNotice error={error} />
      <KeyExpiryNotices notices={view.expiry} />
      {SECTIONS.map((section) => (
        <CredentialFields key={section.title} section={section} view={view} draft={draft} errors={error?.fields} onChange={setDraft} />
      ))}
      <Stack space="space.100">
        <Heading size="small">The app itself (asApp)</Heading>
        <Checkbox
          label="Let the app act as itself for what its own permissions allow (reading users and groups)"
          isChecked={draft.useAsApp}
          onChange={(event) => setDraft({ ...draft, useAsApp: Boolean(event.target.checked) })}
        />
      </Stack>
      <Inline space="space.100">
        <LoadingButton appearance="primary" isLoading={saving} onClick={save}>
          Save credentials
        </LoadingButton>
        <LoadingButton isLoading={testing} onClick={runTest}>
          Test Atlassian credentials
        </LoadingButton>
      </Inline>
      {test && (
        <SectionMessage appearance={test.ok ? 'success' : 'error'} title={test.ok ? 'The credentials work' : 'The test failed'}>
          <Text>{test.detail}</Text>
          {test.results.map((result) => (
            <Text key={result.credential}>{`${result.ok ? '✓' : '✗'} ${result.detail}`}</Text>
          ))}
        </SectionMessage>
      )}
      <CapabilityMatrix view={view} />
    </Stack>
  );
}

function CredentialFields(props: {
  section: CredentialSection;
  view: CredentialsView;
  draft: Draft;
  errors: FieldErrors;
  onChange(draft: Draft): void;
}) {
  const { section, view, draft, errors } = props;
  const secret = section.secret;
  const isSet = secret ? view.secretsSet[secret.kind] && !draft.clear.includes(secret.kind) : false;
  return (
    <Stack space="space.100">
      <Heading size="small">{section.title}</Heading>
      <Text size="small">{section.description}</Text>
      <Inline space="space.200" shouldWrap>
        {section.fields.map((field) => (
          <Field key={field.key} id={`cred-${field.key}`} label={field.label} error={errorAt(errors, `config.${field.key}`)}>
            <Textfield
              id={`cred-${field.key}`}
              value={draft.config[field.key]}
              onChange={(event) => props.onChange({ ...draft, config: { ...draft.config, [field.key]: event.target.value } })}
            />
          </Field>
        ))}
        {secret && (
          <Field
            id={`cred-${secret.kind}`}
            label={secret.label}
            error={errorAt(errors, `secrets.${secret.kind}`)}
            helper={isSet ? 'Set (never shown). Type a new value only to replace it.' : 'Not set.'}
          >
            <Textfield
              id={`cred-${secret.kind}`}
              type="password"
              value={draft.secrets[secret.kind] ?? ''}
              placeholder={isSet ? '••••••••  (set)' : ''}
              onChange={(event) => props.onChange({ ...draft, secrets: { ...draft.secrets, [secret.kind]: event.target.value || undefined } })}
            />
          </Field>
        )}
        {secret && (
          <Field
            id={`cred-${secret.kind}-expires`}
            label={`${secret.label} expires on`}
            error={errorAt(errors, `expiresOn.${secret.kind}`)}
            helper={expiryHelper(view, secret.kind)}
          >
            <Textfield
              id={`cred-${secret.kind}-expires`}
              placeholder="YYYY-MM-DD"
              value={draft.expiresOn[secret.kind] ?? view.keyDates[secret.kind]?.expiresOn ?? ''}
              onChange={(event) => props.onChange({ ...draft, expiresOn: { ...draft.expiresOn, [secret.kind]: event.target.value.trim() } })}
            />
          </Field>
        )}
      </Inline>
      {secret && view.secretsSet[secret.kind] && (
        <Checkbox
          label={`Remove the stored ${secret.noun}`}
          isChecked={draft.clear.includes(secret.kind)}
          onChange={(event) =>
            props.onChange({
              ...draft,
              clear: event.target.checked ? [...draft.clear, secret.kind] : draft.clear.filter((kind) => kind !== secret.kind),
            })
          }
        />
      )}
    </Stack>
  );
}

/** When the stored key was saved and whether its expiry was entered or assumed. */
function expiryHelper(view: CredentialsView, kind: SecretKind): string {
  const date = view.keyDates[kind];
  if (!date)
    return kind === 'directoryKey' ? 'Directory API keys expire one year after they are created.' : 'As shown by Atlassian when the key was created.';
  const saved = `Saved here on ${date.savedAt.slice(0, 10)}.`;
  if (!date.expiresOn) return `${saved} Enter its expiry date to be warned 30 days ahead.`;
  return date.entered ? saved : `${saved} Assumed: a year after saving; enter the date Atlassian shows if it differs.`;
}
