import { Inline, LoadingButton, SectionMessage, Stack, Text } from '@forge/react';
import { useState } from 'react';
import { call, type ResolverError } from '../api';
import { ConvergencePanel, impactText, PreviewButton } from './ConvergencePanel';
import { ErrorNotice } from './ErrorNotice';
import { toOptionsInput } from './options-draft';
import type { OptionsEditor } from './useOptionsEditor';

/** The options are one document: either tab saves all of it, after an optional look at what the save would do. */
export function OptionsSaveBar({ editor }: { editor: OptionsEditor }) {
  const [impact, setImpact] = useState<string>();
  const [previewError, setPreviewError] = useState<ResolverError>();
  const { connectionId, draft } = editor;
  async function preview() {
    if (!connectionId || !draft) return;
    const result = await call('previewOptions', { connectionId, options: toOptionsInput(draft) });
    setPreviewError(result.ok ? undefined : result.error);
    setImpact(result.ok ? impactText(result.data) : undefined);
  }
  return (
    <Stack space="space.100">
      <ErrorNotice error={editor.error ?? previewError} />
      {impact && (
        <SectionMessage appearance="information" title="Impact of these options">
          <Text>{impact}</Text>
        </SectionMessage>
      )}
      <Inline space="space.100">
        <PreviewButton onPreview={preview} />
        <LoadingButton
          appearance="primary"
          isLoading={editor.saving}
          onClick={async () => {
            await editor.save();
            setImpact(undefined);
          }}
        >
          Save provisioning options
        </LoadingButton>
      </Inline>
      {connectionId && <ConvergencePanel connectionId={connectionId} refreshAt={editor.savedAt} />}
    </Stack>
  );
}
