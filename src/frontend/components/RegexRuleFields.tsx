import { DynamicTable, Inline, Lozenge, Stack, Text, TextArea, Textfield } from '@forge/react';
import { useEffect, useState } from 'react';
import type { UsernamePreviewRow } from '../../provisioning/username-rule';
import { call, type ResolverError } from '../api';
import { errorAt, Field, type FieldErrors } from './Field';
import type { RuleDraft } from './options-draft';

export interface RegexRuleFieldsProps {
  id: string;
  label: string;
  placeholder: RuleDraft;
  rule: RuleDraft;
  onChange(rule: RuleDraft): void;
  /** Values to try the rule on, until the admin types others. */
  samples: string[];
  /** The save's messages, and the path of this rule in them (e.g. options.usernameRegex). */
  errors: FieldErrors;
  path: string;
  helper: string;
  /** A username rule must leave an email: the preview marks samples it turns into something else. */
  kind: 'username' | 'groupName';
}

const OUTCOMES: Record<UsernamePreviewRow['outcome'], { label: string; appearance: 'success' | 'default' | 'removed' }> = {
  match: { label: 'changed', appearance: 'success' },
  noMatch: { label: 'no match', appearance: 'default' },
  notAnEmail: { label: 'not an email', appearance: 'removed' },
  error: { label: 'error', appearance: 'removed' },
};

/** A pattern and its replacement, with a live preview of what they make of sample values. */
export function RegexRuleFields(props: RegexRuleFieldsProps) {
  const { rule } = props;
  const sampleText = props.samples.join('\n');
  const [samples, setSamples] = useState(sampleText);
  const [rows, setRows] = useState<UsernamePreviewRow[]>([]);
  const [previewError, setPreviewError] = useState<ResolverError>();
  /** The rule a save refused: its messages stop applying once the admin changes the rule (the preview checks that). */
  const [refused, setRefused] = useState<RuleDraft>();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the rule as it was when a save answered with errors
  useEffect(() => setRefused(rule), [props.errors]);
  useEffect(() => setSamples(sampleText), [sampleText]);

  useEffect(() => {
    if (!rule.pattern) {
      setRows([]);
      setPreviewError(undefined);
      return;
    }
    let current = true;
    void call('previewRegex', { rule, kind: props.kind, samples: samples.split('\n').slice(0, 20) }).then((result) => {
      if (!current) return;
      setRows(result.ok ? result.data.rows : []);
      setPreviewError(result.ok ? undefined : result.error);
    });
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the rule's two fields, not the object that is new every render
  }, [rule.pattern, rule.replacement, samples]);

  const notAnEmail = rows.find((row) => row.outcome === 'notAnEmail');
  const changed = refused?.pattern !== rule.pattern || refused.replacement !== rule.replacement;
  const fieldError = (field: 'pattern' | 'replacement') =>
    errorAt(previewError?.fields, `rule.${field}`) ?? (changed ? undefined : errorAt(props.errors, `${props.path}.${field}`));
  return (
    <Stack space="space.100">
      <Inline space="space.200" shouldWrap>
        <Field id={`${props.id}-pattern`} label={props.label} error={fieldError('pattern')} helper={props.helper}>
          <Textfield
            id={`${props.id}-pattern`}
            value={rule.pattern}
            isMonospaced
            onChange={(event) => props.onChange({ ...rule, pattern: event.target.value })}
            placeholder={props.placeholder.pattern}
          />
        </Field>
        <Field
          id={`${props.id}-replacement`}
          label={`${props.label}: replacement`}
          error={fieldError('replacement')}
          helper="$1 inserts the first group, $$ a dollar sign."
        >
          <Textfield
            id={`${props.id}-replacement`}
            value={rule.replacement}
            isMonospaced
            onChange={(event) => props.onChange({ ...rule, replacement: event.target.value })}
            placeholder={props.placeholder.replacement}
          />
        </Field>
      </Inline>
      <Field id={`${props.id}-samples`} label={`${props.label}: try it on (one value a line)`}>
        <TextArea id={`${props.id}-samples`} value={samples} onChange={(event) => setSamples(event.target.value)} minimumRows={2} isMonospaced />
      </Field>
      {rows.length > 0 && (
        <DynamicTable
          caption="Preview"
          head={{
            cells: [
              { key: 'sample', content: 'Value' },
              { key: 'result', content: 'Becomes' },
              { key: 'outcome', content: '' },
            ],
          }}
          rows={rows.map((row, index) => ({
            key: `${index}-${row.sample}`,
            cells: [
              { key: 'sample', content: row.sample },
              { key: 'result', content: row.outcome === 'error' ? row.message : row.result },
              { key: 'outcome', content: <Lozenge appearance={OUTCOMES[row.outcome].appearance}>{OUTCOMES[row.outcome].label}</Lozenge> },
            ],
          }))}
        />
      )}
      {notAnEmail && <Text>{notAnEmail.message}</Text>}
    </Stack>
  );
}
