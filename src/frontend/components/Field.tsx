import { ErrorMessage, HelperMessage, Label, Select, Stack } from '@forge/react';
import type { ReactNode } from 'react';

export type FieldErrors = Record<string, string> | undefined;

/**
 * The message for a field, or the messages for everything inside it (`options.manual` shows
 * `options.manual.mappings.0.idpGroup`); several lines of a one-a-line field each say which line they are about.
 */
export function errorAt(fields: FieldErrors, path: string): string | undefined {
  if (!fields) return undefined;
  if (fields[path]) return fields[path];
  const nested = Object.keys(fields).filter((key) => key.startsWith(`${path}.`));
  if (nested.length <= 1) return nested[0] && fields[nested[0]];
  return nested
    .map((key) => {
      const rest = key.slice(path.length + 1);
      return /^\d+$/.test(rest) ? `Line ${Number(rest) + 1}: ${fields[key]}` : fields[key];
    })
    .join('; ');
}

/** A labelled field: the control (whose id is `id`), then its error or its helper text. */
export function Field(props: { id: string; label: string; error?: string; helper?: string; children: ReactNode }) {
  return (
    <Stack space="space.050">
      <Label labelFor={props.id}>{props.label}</Label>
      {props.children}
      {props.error ? <ErrorMessage>{props.error}</ErrorMessage> : props.helper ? <HelperMessage>{props.helper}</HelperMessage> : null}
    </Stack>
  );
}

/** A labelled choice of one of `choices`, given and answered as its value. */
export function SelectField<T extends string>(props: {
  id: string;
  label: string;
  error?: string;
  choices: { label: string; value: T }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      <Select
        inputId={props.id}
        options={props.choices}
        value={props.choices.find((choice) => choice.value === props.value)}
        onChange={(choice: { value: T }) => props.onChange(choice.value)}
      />
    </Field>
  );
}
