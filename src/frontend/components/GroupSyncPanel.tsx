import { Button, Checkbox, EmptyState, Heading, Inline, Select, Stack, Tag, TagGroup, Text, TextArea, Textfield } from '@forge/react';
import { ErrorNotice } from './ErrorNotice';
import { errorAt, Field } from './Field';
import { LeadPicker } from './LeadPicker';
import type { OptionsDraft } from './options-draft';
import { OptionsSaveBar } from './OptionsSaveBar';
import { RegexRuleFields } from './RegexRuleFields';
import type { OptionsEditor } from './useOptionsEditor';

const MODES: { label: string; value: OptionsDraft['groupMappingMode'] }[] = [
  { label: 'On-the-fly: Atlassian groups named as the IdP groups', value: 'onTheFly' },
  { label: 'Manual: a table maps IdP groups to Atlassian groups', value: 'manual' },
];

/** Group sync settings: import and filters, on-the-fly or manual mapping, default and protected groups, default leads. */
export function GroupSyncPanel({ editor }: { editor: OptionsEditor }) {
  const { draft, view, update } = editor;
  if (!draft || !view)
    return editor.loadError ? <ErrorNotice error={editor.loadError} /> : <EmptyState header="No app selected" description="Choose an app above." />;
  const errors = editor.error?.fields;
  const set = (change: Partial<OptionsDraft>) => update((current) => ({ ...current, ...change }));
  const listField = (id: string, label: string, path: string, value: string, onChange: (text: string) => void, helper?: string) => (
    <Field id={id} label={label} error={errorAt(errors, path)} helper={helper}>
      <TextArea id={id} value={value} minimumRows={2} onChange={(event) => onChange(event.target.value)} />
    </Field>
  );

  return (
    <Stack space="space.300">
      <Stack space="space.100">
        <Heading size="small">Group import</Heading>
        <Checkbox
          label="Import the users' IdP groups"
          isChecked={draft.groupImport.enabled}
          onChange={(event) => set({ groupImport: { ...draft.groupImport, enabled: Boolean(event.target.checked) } })}
        />
        <Inline space="space.200" shouldWrap>
          {listField(
            'opt-group-include',
            'Only groups matching (one regex a line)',
            'options.groupImport.filter.include',
            draft.groupImport.include,
            (include) => set({ groupImport: { ...draft.groupImport, include } }),
            'Empty: every group.',
          )}
          {listField(
            'opt-group-exclude',
            'Except groups matching (one regex a line)',
            'options.groupImport.filter.exclude',
            draft.groupImport.exclude,
            (exclude) => set({ groupImport: { ...draft.groupImport, exclude } }),
          )}
        </Inline>
        <Checkbox
          label="Delete a group this app created once its IdP group is deleted and it has no members left"
          isChecked={draft.groupImport.deleteEmptyGroups}
          onChange={(event) => set({ groupImport: { ...draft.groupImport, deleteEmptyGroups: Boolean(event.target.checked) } })}
        />
        <Field id="opt-group-mode" label="Group mapping" error={errorAt(errors, 'options.groupMappingMode')}>
          <Select
            id="opt-group-mode"
            options={MODES}
            value={MODES.find((mode) => mode.value === draft.groupMappingMode)}
            onChange={(option: { value: OptionsDraft['groupMappingMode'] }) => set({ groupMappingMode: option.value })}
          />
        </Field>
      </Stack>
      {draft.groupMappingMode === 'onTheFly' ? <OnTheFly editor={editor} draft={draft} /> : <ManualMapping editor={editor} draft={draft} />}
      <Stack space="space.100">
        <Heading size="small">Default groups</Heading>
        <Inline space="space.200" shouldWrap>
          {listField('opt-default-new', 'For new users (one a line)', 'options.defaultGroups.newUsers', draft.defaultGroups.newUsers, (newUsers) =>
            set({ defaultGroups: { ...draft.defaultGroups, newUsers } }),
          )}
          {listField('opt-default-all', 'For all users (one a line)', 'options.defaultGroups.allUsers', draft.defaultGroups.allUsers, (allUsers) =>
            set({ defaultGroups: { ...draft.defaultGroups, allUsers } }),
          )}
        </Inline>
      </Stack>
      <Stack space="space.100">
        <Heading size="small">Protected groups</Heading>
        <Text>The app never changes the members of these groups. Always protected:</Text>
        <TagGroup>
          {view.builtInProtectedGroups.map((name) => (
            <Tag key={name} text={name} />
          ))}
        </TagGroup>
        {listField(
          'opt-protected',
          'Also protect (one a line; end with * for a prefix)',
          'options.protectedGroups',
          draft.protectedGroups,
          (protectedGroups) => set({ protectedGroups }),
        )}
      </Stack>
      <Stack space="space.100">
        <Heading size="small">Default project and component lead</Heading>
        <LeadPicker
          label="Default project lead"
          description="Takes over the projects a disabled user leads."
          accountId={draft.defaultProjectLead}
          error={errorAt(errors, 'options.defaultProjectLead')}
          onChange={(defaultProjectLead) => set({ defaultProjectLead })}
        />
        <LeadPicker
          label="Default component lead"
          description="Takes over the components a disabled user leads."
          accountId={draft.defaultComponentLead}
          error={errorAt(errors, 'options.defaultComponentLead')}
          onChange={(defaultComponentLead) => set({ defaultComponentLead })}
        />
      </Stack>
      <OptionsSaveBar editor={editor} />
    </Stack>
  );
}

function OnTheFly({ editor, draft }: { editor: OptionsEditor; draft: OptionsDraft }) {
  const set = (change: Partial<OptionsDraft['onTheFly']>) =>
    editor.update((current) => ({ ...current, onTheFly: { ...current.onTheFly, ...change } }));
  return (
    <Stack space="space.100">
      <Heading size="small">On-the-fly group mapping</Heading>
      <Checkbox
        label="Create Atlassian groups that do not exist yet"
        isChecked={draft.onTheFly.createMissing}
        onChange={(event) => set({ createMissing: Boolean(event.target.checked) })}
      />
      <Checkbox
        label="Keep existing group memberships (never remove a user from a group)"
        isChecked={draft.onTheFly.keepUnassertedMembers}
        onChange={(event) => set({ keepUnassertedMembers: Boolean(event.target.checked) })}
      />
      <Text>Regex on group names: rename IdP groups on their way to Atlassian.</Text>
      <RegexRuleFields
        id="opt-group-regex"
        label="Group name regex"
        placeholder={{ pattern: '^okta-(.*)', replacement: '$1' }}
        rule={draft.onTheFly.nameRegex}
        onChange={(nameRegex) => set({ nameRegex })}
        samples={editor.view?.samples.groupNames ?? []}
        errors={editor.error?.fields}
        path="options.onTheFly.nameRegex"
        helper="Leave empty to keep the IdP's names."
        kind="groupName"
      />
    </Stack>
  );
}

function ManualMapping({ editor, draft }: { editor: OptionsEditor; draft: OptionsDraft }) {
  const errors = editor.error?.fields;
  const setManual = (change: Partial<OptionsDraft['manual']>) =>
    editor.update((current) => ({ ...current, manual: { ...current.manual, ...change } }));
  const setRow = (index: number, change: Partial<OptionsDraft['manual']['mappings'][number]>) =>
    setManual({ mappings: draft.manual.mappings.map((row, i) => (i === index ? { ...row, ...change } : row)) });
  return (
    <Stack space="space.100">
      <Heading size="small">Manual group mapping</Heading>
      {draft.manual.mappings.map((row, index) => (
        <Inline key={index} space="space.100" alignBlock="end" shouldWrap>
          <Field id={`opt-map-idp-${index}`} label="IdP group (name or id)" error={errorAt(errors, `options.manual.mappings.${index}.idpGroup`)}>
            <Textfield id={`opt-map-idp-${index}`} value={row.idpGroup} onChange={(event) => setRow(index, { idpGroup: event.target.value })} />
          </Field>
          <Field
            id={`opt-map-atl-${index}`}
            label="Atlassian groups (comma-separated)"
            error={errorAt(errors, `options.manual.mappings.${index}.atlassianGroups`)}
          >
            <Textfield
              id={`opt-map-atl-${index}`}
              value={row.atlassianGroups}
              onChange={(event) => setRow(index, { atlassianGroups: event.target.value })}
            />
          </Field>
          <Button appearance="subtle" onClick={() => setManual({ mappings: draft.manual.mappings.filter((_, i) => i !== index) })}>
            Remove
          </Button>
        </Inline>
      ))}
      <Inline>
        <Button iconBefore="add" onClick={() => setManual({ mappings: [...draft.manual.mappings, { idpGroup: '', atlassianGroups: '' }] })}>
          Add mapping
        </Button>
      </Inline>
      <Checkbox
        label="Also map unmapped IdP groups on the fly"
        isChecked={draft.manual.importUnmapped}
        onChange={(event) => setManual({ importUnmapped: Boolean(event.target.checked) })}
      />
      <Checkbox
        label="Keep existing members of mapped groups"
        isChecked={draft.manual.keepExistingMembers}
        onChange={(event) => setManual({ keepExistingMembers: Boolean(event.target.checked) })}
      />
    </Stack>
  );
}
