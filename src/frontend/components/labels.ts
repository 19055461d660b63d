import type { ConnectionSummary } from '../../admin/connection-summary';

export const PROVIDER_LABELS: Record<ConnectionSummary['provider'], string> = {
  okta: 'Okta',
  entra: 'Microsoft Entra ID',
  'oracle-idcs': 'Oracle IDCS',
  miniorange: 'miniOrange',
  'custom-scim': 'Custom SCIM',
};

export const METHOD_LABELS: Record<ConnectionSummary['method'], string> = {
  scim: 'SCIM push',
  pull: 'REST pull',
};

export const STATUS_LOZENGES: Record<ConnectionSummary['status'], { text: string; appearance: 'success' | 'default' | 'new' | 'removed' }> = {
  active: { text: 'Active', appearance: 'success' },
  disabled: { text: 'Disabled', appearance: 'default' },
  awaitingSetup: { text: 'Awaiting setup', appearance: 'new' },
  failing: { text: 'Failures', appearance: 'removed' },
};

/** A stored ISO time as the admin reads it (UTC, to the minute). */
export function formatTime(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—';
}
