import { showFlag } from '@forge/bridge';
import { Checkbox, Heading, Inline, LoadingButton, Select, Stack, Textfield } from '@forge/react';
import { useEffect, useState } from 'react';
import type { PullSetupView } from '../../admin/pull-setup';
import { call, type ResolverError } from '../api';
import { ErrorNotice } from './ErrorNotice';
import { errorAt, Field } from './Field';

type Provider = PullSetupView['provider'];

interface SettingField {
  key: string;
  label: string;
  helper: string;
}

const SETTING_FIELDS: Record<Provider, SettingField[]> = {
  'oracle-idcs': [
    { key: 'baseUrl', label: 'Oracle base URL', helper: 'The identity domain URL, e.g. https://idcs-0123….identity.oraclecloud.com.' },
    { key: 'clientId', label: 'Client ID', helper: "The confidential application's Client ID (OAuth configuration)." },
    { key: 'appId', label: 'Oracle app ID (optional)', helper: 'Only users and groups granted this application are pulled.' },
    {
      key: 'groupMembershipAttribute',
      label: 'Group membership attribute (optional)',
      helper: "A user attribute whose values are the user's groups, instead of IDCS group membership.",
    },
  ],
  miniorange: [
    { key: 'baseUrl', label: 'miniOrange base URL', helper: 'https://login.xecurify.com unless your tenant has a host of its own.' },
    { key: 'customerKey', label: 'Customer key', helper: 'The numeric Customer Key under Settings in the miniOrange console.' },
  ],
};

const INTERVAL_HELP: Record<Provider, string> = {
  'oracle-idcs': 'Delta runs this often; the daily full run also finds the users and groups that disappeared.',
  miniorange: 'Each run looks up, one by one, the users already in this app; miniOrange cannot list users, so no run finds new or removed ones.',
};

const SECRET_LABELS: Record<Provider, string> = { 'oracle-idcs': 'Client secret', miniorange: 'API key' };

const intervalLabel = (minutes: number) => (minutes === 1440 ? 'Daily' : minutes === 60 ? 'Every hour' : `Every ${minutes} minutes`);

interface Draft {
  settings: Record<string, string>;
  secret: string;
  enabled: boolean;
  intervalMinutes: number;
  fullRunHourUtc: string;
}

/** Only the settings the form shows become text; the others (e.g. deltaSkewSeconds) are sent back as stored. */
function draftOf(view: PullSetupView): Draft {
  const stored: Record<string, unknown> = view.config?.settings ?? {};
  const settings = Object.fromEntries(SETTING_FIELDS[view.provider].map(({ key }) => [key, stored[key] === undefined ? '' : String(stored[key])]));
  return {
    settings,
    secret: '',
    enabled: view.config?.enabled ?? true,
    intervalMinutes: view.config?.intervalMinutes ?? 60,
    fullRunHourUtc: String(view.config?.fullRunHourUtc ?? 3),
  };
}

/** The IdP settings and credential (never shown once saved: "set", or a new value to replace it), and the schedule. */
export function PullSettingsForm({ view, onSaved }: { view: PullSetupView; onSaved(): void }) {
  const [draft, setDraft] = useState(() => draftOf(view));
  const [error, setError] = useState<ResolverError>();
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(draftOf(view)), [view]);

  const setSetting = (key: string, value: string) => setDraft((current) => ({ ...current, settings: { ...current.settings, [key]: value } }));
  const save = async () => {
    setSaving(true);
    const shown = new Set(SETTING_FIELDS[view.provider].map(({ key }) => key));
    const unshown = Object.entries(view.config?.settings ?? {}).filter(([key]) => !shown.has(key));
    const entered = Object.entries(draft.settings).filter(([, value]) => value.trim() !== '');
    const settings = Object.fromEntries([...unshown, ...entered]);
    const result = await call('savePullSetup', {
      connectionId: view.connectionId,
      config: { enabled: draft.enabled, intervalMinutes: draft.intervalMinutes, fullRunHourUtc: Number(draft.fullRunHourUtc), settings },
      ...(draft.secret ? { secret: draft.secret } : {}),
    });
    setSaving(false);
    setError(result.ok ? undefined : result.error);
    if (!result.ok) return;
    showFlag({
      id: 'pull-settings-saved',
      type: 'success',
      title: 'Settings saved',
      description: draft.secret ? `The new ${SECRET_LABELS[view.provider].toLowerCase()} is stored.` : undefined,
      isAutoDismiss: true,
    });
    onSaved();
  };
  const fields = error?.fields;
  const secretLabel = SECRET_LABELS[view.provider];

  return (
    <Stack space="space.150">
      <Heading size="small">IdP settings</Heading>
      {SETTING_FIELDS[view.provider].map((field) => (
        <Field
          key={field.key}
          id={`pull-${field.key}`}
          label={field.label}
          helper={field.helper}
          error={errorAt(fields, `config.settings.${field.key}`)}
        >
          <Textfield
            id={`pull-${field.key}`}
            value={draft.settings[field.key] ?? ''}
            onChange={(event) => setSetting(field.key, event.target.value)}
          />
        </Field>
      ))}
      <Field
        id="pull-secret"
        label={secretLabel}
        error={errorAt(fields, 'secret')}
        helper={view.secretSet ? 'Set (never shown). Type a new value only to replace it.' : `Not set yet: enter the ${secretLabel.toLowerCase()}.`}
      >
        <Textfield
          id="pull-secret"
          type="password"
          value={draft.secret}
          onChange={(event) => setDraft({ ...draft, secret: event.target.value })}
          placeholder={view.secretSet ? '••••••••  (set)' : ''}
        />
      </Field>
      <Checkbox
        label="Synchronize on a schedule"
        isChecked={draft.enabled}
        onChange={(event) => setDraft({ ...draft, enabled: Boolean(event.target.checked) })}
      />
      <Field id="pull-interval" label="Scheduler interval" error={errorAt(fields, 'config.intervalMinutes')} helper={INTERVAL_HELP[view.provider]}>
        <Select
          id="pull-interval"
          options={view.intervalsMinutes.map((minutes) => ({ label: intervalLabel(minutes), value: minutes }))}
          value={{ label: intervalLabel(draft.intervalMinutes), value: draft.intervalMinutes }}
          onChange={(option: { value: number }) => setDraft({ ...draft, intervalMinutes: option.value })}
        />
      </Field>
      {view.canList && (
        <Field id="pull-full-hour" label="Daily full run after (hour, UTC)" error={errorAt(fields, 'config.fullRunHourUtc')}>
          <Textfield
            id="pull-full-hour"
            type="number"
            value={draft.fullRunHourUtc}
            onChange={(event) => setDraft({ ...draft, fullRunHourUtc: event.target.value })}
            width="small"
          />
        </Field>
      )}
      <ErrorNotice
        error={error}
        shownFields={[
          ...SETTING_FIELDS[view.provider].map(({ key }) => `config.settings.${key}`),
          'secret',
          'config.intervalMinutes',
          'config.fullRunHourUtc',
        ]}
      />
      <Inline>
        <LoadingButton appearance="primary" isLoading={saving} onClick={save}>
          Save settings
        </LoadingButton>
      </Inline>
    </Stack>
  );
}
