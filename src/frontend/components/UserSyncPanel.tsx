import { Button, Checkbox, EmptyState, Heading, Inline, Stack, Text, TextArea, Textfield } from '@forge/react';
import { ErrorNotice } from './ErrorNotice';
import { errorAt, Field, SelectField } from './Field';
import type { OptionsDraft } from './options-draft';
import { OptionsSaveBar } from './OptionsSaveBar';
import { RegexRuleFields } from './RegexRuleFields';
import type { OptionsEditor } from './useOptionsEditor';

const DRIFT_MODES: { label: string; value: OptionsDraft['driftRepair'] }[] = [
  { label: 'Repairs changes made by hand in Atlassian', value: 'repair' },
  { label: 'Only reports them (as planned in Activity)', value: 'report' },
];
const DEACTIVATE_WHEN: { label: string; value: OptionsDraft['ownership']['deactivateWhen'] }[] = [
  { label: 'while any of them says inactive or deleted (secure)', value: 'any' },
  { label: 'only when every one of them says so', value: 'all' },
];
const DISABLE_ACTIONS: { label: string; value: OptionsDraft['disableAction'] }[] = [
  { label: 'Suspend the account (organizations API or directory key)', value: 'suspend' },
  { label: 'Remove its product access (site admin)', value: 'removeProductAccess' },
  { label: 'Only remove it from the groups this app manages', value: 'removeFromManagedGroups' },
];

const MAPPED_ATTRIBUTES: { key: Exclude<keyof OptionsDraft['attributeMapping'], 'displayNameTemplate'>; label: string }[] = [
  { key: 'email', label: 'Email' },
  { key: 'username', label: 'Username (where the email comes from when none is mapped)' },
  { key: 'displayName', label: 'Display name' },
];

/** Provisioning options for users: products, import/update/enable/disable, username rule, attribute mapping, custom attributes. */
export function UserSyncPanel({ editor }: { editor: OptionsEditor }) {
  const { draft, view, update } = editor;
  if (!draft || !view)
    return editor.loadError ? <ErrorNotice error={editor.loadError} /> : <EmptyState header="No app selected" description="Choose an app above." />;
  const errors = editor.error?.fields;
  const set = (change: Partial<OptionsDraft>) => update((current) => ({ ...current, ...change }));
  const flag = (key: 'createUsers' | 'updateUsers' | 'enableUsers' | 'disableUsers', label: string) => (
    <Checkbox label={label} isChecked={draft[key]} onChange={(event) => set({ [key]: Boolean(event.target.checked) })} />
  );

  return (
    <Stack space="space.300">
      <Stack space="space.100">
        <Heading size="small">Products</Heading>
        <Checkbox
          label="Jira"
          isChecked={draft.targets.jira}
          onChange={(event) => set({ targets: { ...draft.targets, jira: Boolean(event.target.checked) } })}
        />
        <Checkbox
          label="Confluence"
          isChecked={draft.targets.confluence}
          onChange={(event) => set({ targets: { ...draft.targets, confluence: Boolean(event.target.checked) } })}
        />
        <Field
          id="opt-bitbucket"
          label="Bitbucket workspace (optional)"
          error={errorAt(errors, 'options.targets')}
          helper="The workspace ID from its URL, e.g. acme for bitbucket.org/acme."
        >
          <Textfield
            id="opt-bitbucket"
            value={draft.targets.bitbucketWorkspace}
            onChange={(event) => set({ targets: { ...draft.targets, bitbucketWorkspace: event.target.value } })}
          />
        </Field>
      </Stack>
      <Stack space="space.100">
        <Heading size="small">User sync</Heading>
        {flag('createUsers', 'Import users: create accounts for active IdP users who have none')}
        {flag('updateUsers', 'Update users: keep email, display name and custom attributes in step')}
        {flag('enableUsers', 'Enable users the IdP reports active')}
        {flag('disableUsers', 'Disable users the IdP reports inactive')}
        <SelectField
          id="opt-disable-action"
          label="Disabling a user means"
          error={errorAt(errors, 'options.disableAction')}
          choices={DISABLE_ACTIONS}
          value={draft.disableAction}
          onChange={(disableAction) => set({ disableAction })}
        />
      </Stack>
      <Stack space="space.100">
        <Heading size="small">Regex on username</Heading>
        <Text>
          Atlassian Cloud has no usernames: the rule rewrites the value accounts are found and created by (the email), e.g. (.*)@corp.local →
          $1@corp.com.
        </Text>
        <RegexRuleFields
          id="opt-username-regex"
          label="Username regex"
          placeholder={{ pattern: '(.*)@corp.local', replacement: '$1@corp.com' }}
          rule={draft.usernameRegex}
          onChange={(usernameRegex) => set({ usernameRegex })}
          samples={view.samples.userNames}
          errors={errors}
          path="options.usernameRegex"
          kind="username"
          helper="Leave empty to use the value as the IdP sends it."
        />
      </Stack>
      <Stack space="space.100">
        <Heading size="small">Attribute mapping</Heading>
        <Text>
          IdP attributes in order of preference, one a line: the first one with a value is used. Paths such as emails[primary], name.formatted or
          urn:…:enterprise:2.0:User:department.
        </Text>
        {MAPPED_ATTRIBUTES.map((attribute) => (
          <Field
            key={attribute.key}
            id={`opt-map-${attribute.key}`}
            label={attribute.label}
            error={errorAt(errors, `options.attributeMapping.${attribute.key}`)}
          >
            <TextArea
              id={`opt-map-${attribute.key}`}
              value={draft.attributeMapping[attribute.key]}
              minimumRows={2}
              isMonospaced
              onChange={(event) => set({ attributeMapping: { ...draft.attributeMapping, [attribute.key]: event.target.value } })}
            />
          </Field>
        ))}
        <Field
          id="opt-display-name-template"
          label="Display name template (optional)"
          error={errorAt(errors, 'options.attributeMapping.displayNameTemplate')}
          helper="Attributes in braces, e.g. {name.givenName} {name.familyName}; used when every attribute it names has a value. Otherwise the display name attributes above, then given and family name, then the email."
        >
          <Textfield
            id="opt-display-name-template"
            value={draft.attributeMapping.displayNameTemplate}
            isMonospaced
            placeholder="{name.givenName} {name.familyName}"
            onChange={(event) => set({ attributeMapping: { ...draft.attributeMapping, displayNameTemplate: event.target.value } })}
          />
        </Field>
      </Stack>
      <CustomAttributes editor={editor} draft={draft} />
      <Stack space="space.100">
        <Heading size="small">Safety</Heading>
        <Inline space="space.200" shouldWrap>
          <Field id="opt-max-disable" label="Ask before a run disables more than (%)" error={errorAt(errors, 'options.safety.maxDisableShare')}>
            <Textfield
              id="opt-max-disable"
              type="number"
              width="small"
              value={draft.safety.maxDisablePercent}
              onChange={(event) => set({ safety: { ...draft.safety, maxDisablePercent: event.target.value } })}
            />
          </Field>
          <Field id="opt-min-users" label="…of at least this many users" error={errorAt(errors, 'options.safety.minUsersForThreshold')}>
            <Textfield
              id="opt-min-users"
              type="number"
              width="small"
              value={draft.safety.minUsersForThreshold}
              onChange={(event) => set({ safety: { ...draft.safety, minUsersForThreshold: event.target.value } })}
            />
          </Field>
        </Inline>
        <Checkbox
          label="Dry run mode: plan every change in the activity log, change nothing in Atlassian"
          isChecked={draft.dryRun}
          onChange={(event) => set({ dryRun: Boolean(event.target.checked) })}
        />
        <SelectField
          id="opt-drift"
          label="The daily check of the site (and Check the site now)"
          error={errorAt(errors, 'options.driftRepair')}
          choices={DRIFT_MODES}
          value={draft.driftRepair}
          onChange={(driftRepair) => set({ driftRepair })}
        />
      </Stack>
      <Stack space="space.100">
        <Heading size="small">Existing accounts and other identity providers</Heading>
        <Text>
          This app manages an Atlassian account only if it created it, or if the account's email domain is listed here. Others are left alone and
          logged as refused. Site and org admins and members of protected groups are never suspended, renamed or regrouped.
        </Text>
        <Field
          id="opt-link-domains"
          label="Email domains this app may link and manage (one a line)"
          error={errorAt(errors, 'options.ownership.linkDomains')}
        >
          <TextArea
            id="opt-link-domains"
            value={draft.ownership.linkDomains}
            onChange={(event) => set({ ownership: { ...draft.ownership, linkDomains: event.target.value } })}
          />
        </Field>
        <SelectField
          id="opt-deactivate-when"
          label="When several apps send the same person, deactivate the account"
          error={errorAt(errors, 'options.ownership.deactivateWhen')}
          choices={DEACTIVATE_WHEN}
          value={draft.ownership.deactivateWhen}
          onChange={(deactivateWhen) => set({ ownership: { ...draft.ownership, deactivateWhen } })}
        />
      </Stack>
      <OptionsSaveBar editor={editor} />
    </Stack>
  );
}

function CustomAttributes({ editor, draft }: { editor: OptionsEditor; draft: OptionsDraft }) {
  const errors = editor.error?.fields;
  const setRow = (index: number, change: Partial<OptionsDraft['customAttributes'][number]>) =>
    editor.update((current) => ({
      ...current,
      customAttributes: current.customAttributes.map((row, i) => (i === index ? { ...row, ...change } : row)),
    }));
  return (
    <Stack space="space.100">
      <Heading size="small">Custom attributes</Heading>
      <Text>
        Stored on each user as a user property named after the attribute, and shown in the Users view. A plain name (costCenter) is found whether the
        IdP sends it top-level or in an extension such as the enterprise one.
      </Text>
      {draft.customAttributes.map((row, index) => (
        <Inline key={index} space="space.100" alignBlock="end" shouldWrap>
          <Field id={`opt-custom-source-${index}`} label="IdP attribute" error={errorAt(errors, `options.customAttributes.${index}.source`)}>
            <Textfield id={`opt-custom-source-${index}`} value={row.source} onChange={(event) => setRow(index, { source: event.target.value })} />
          </Field>
          <Field id={`opt-custom-name-${index}`} label="Name in Atlassian" error={errorAt(errors, `options.customAttributes.${index}.name`)}>
            <Textfield id={`opt-custom-name-${index}`} value={row.name} onChange={(event) => setRow(index, { name: event.target.value })} />
          </Field>
          <Button
            appearance="subtle"
            onClick={() => editor.update((current) => ({ ...current, customAttributes: current.customAttributes.filter((_, i) => i !== index) }))}
          >
            Remove
          </Button>
        </Inline>
      ))}
      <Inline>
        <Button
          iconBefore="add"
          onClick={() => editor.update((current) => ({ ...current, customAttributes: [...current.customAttributes, { source: '', name: '' }] }))}
        >
          Add custom attribute
        </Button>
      </Inline>
    </Stack>
  );
}
