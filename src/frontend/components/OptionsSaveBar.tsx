import { Inline, LoadingButton, Stack } from '@forge/react';
import { ErrorNotice } from './ErrorNotice';
import type { OptionsEditor } from './useOptionsEditor';

/** The options are one document: either tab saves all of it. */
export function OptionsSaveBar({ editor }: { editor: OptionsEditor }) {
  return (
    <Stack space="space.100">
      <ErrorNotice error={editor.error} />
      <Inline>
        <LoadingButton appearance="primary" isLoading={editor.saving} onClick={editor.save}>
          Save provisioning options
        </LoadingButton>
      </Inline>
    </Stack>
  );
}
