import { showFlag } from '@forge/bridge';
import { useEffect, useState } from 'react';
import type { OptionsView } from '../../admin/options';
import { call, useResolver, type ResolverError } from '../api';
import { draftFromOptions, toOptionsInput, type OptionsDraft } from './options-draft';

export interface OptionsEditor {
  connectionId?: string;
  view?: OptionsView;
  draft?: OptionsDraft;
  loadError?: ResolverError;
  /** The last save's refusal: its fields carry the messages by `options.…` path. */
  error?: ResolverError;
  saving: boolean;
  /** When the last save succeeded (it starts a re-evaluation the page then follows). */
  savedAt: number;
  update(change: (draft: OptionsDraft) => OptionsDraft): void;
  save(): Promise<void>;
}

/** One draft of a connection's provisioning options, shared by the User sync and Group sync tabs: one document, one save. */
export function useOptionsEditor(connectionId: string | undefined): OptionsEditor {
  const loaded = useResolver('getOptions', { connectionId: connectionId ?? '' }, !connectionId);
  const [draft, setDraft] = useState<OptionsDraft>();
  const [error, setError] = useState<ResolverError>();
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState(0);
  useEffect(() => {
    setDraft(loaded.data ? draftFromOptions(loaded.data.options) : undefined);
    setError(undefined);
  }, [loaded.data]);

  return {
    connectionId,
    view: loaded.data,
    draft,
    loadError: loaded.error,
    error,
    saving,
    savedAt,
    update: (change) => setDraft((current) => (current ? change(current) : current)),
    async save() {
      if (!connectionId || !draft) return;
      setSaving(true);
      const result = await call('saveOptions', { connectionId, options: toOptionsInput(draft) });
      setSaving(false);
      setError(result.ok ? undefined : result.error);
      if (result.ok) {
        setDraft(draftFromOptions(result.data.options));
        setSavedAt(Date.now());
        showFlag({ id: 'options-saved', title: 'Provisioning options saved', type: 'success', isAutoDismiss: true });
      }
    },
  };
}
