import { showFlag } from '@forge/bridge';
import { Button, Inline, Textfield } from '@forge/react';
import { Field } from './Field';

/** Puts text on the clipboard; false where the browser (or the frame the page runs in) does not allow it. */
async function copyText(text: string): Promise<boolean> {
  const clipboard = (globalThis as { navigator?: { clipboard?: { writeText(text: string): Promise<void> } } }).navigator?.clipboard;
  if (!clipboard) return false;
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A read-only value with a Copy button (the value stays selectable when copying is not allowed). */
export function CopyField(props: { id: string; label: string; value: string; copyLabel: string; helper?: string }) {
  const copy = async () => {
    const copied = await copyText(props.value);
    showFlag({
      id: `copy-${props.id}`,
      title: copied ? `${props.label} copied` : 'Copying is not allowed here',
      description: copied ? undefined : 'Select the text in the field and copy it with Ctrl+C (⌘C on a Mac).',
      type: copied ? 'success' : 'warning',
      isAutoDismiss: true,
    });
  };
  return (
    <Field id={props.id} label={props.label} helper={props.helper}>
      <Inline space="space.100" alignBlock="center">
        <Textfield id={props.id} value={props.value} isReadOnly isMonospaced />
        <Button onClick={copy}>{props.copyLabel}</Button>
      </Inline>
    </Field>
  );
}
