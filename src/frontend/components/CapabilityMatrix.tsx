import { DynamicTable, Lozenge, Text, Tooltip } from '@forge/react';
import type { CredentialsView } from '../../admin/credentials';
import type { Capability } from '../../atlassian/capabilities';

const SUPPORT: Record<Capability['support'], { text: string; appearance: 'success' | 'moved' | 'new' | 'removed' }> = {
  yes: { text: 'yes', appearance: 'success' },
  partial: { text: 'partly', appearance: 'moved' },
  unverified: { text: 'unverified', appearance: 'new' },
  no: { text: 'no', appearance: 'removed' },
};

/** What each credential lets the app do, and which one it uses now for each operation. */
export function CapabilityMatrix({ view }: { view: CredentialsView }) {
  return (
    <DynamicTable
      caption="What each credential enables"
      head={{
        cells: [
          { key: 'operation', content: 'Operation' },
          ...view.credentialKinds.map((kind) => ({ key: kind, content: view.credentialLabels[kind] })),
          { key: 'route', content: 'With your credentials' },
        ],
      }}
      rows={view.matrix.map((row) => ({
        key: row.operation,
        cells: [
          { key: 'operation', content: row.label },
          ...view.credentialKinds.map((kind) => {
            const cell = row.cells[kind];
            const badge = <Lozenge appearance={SUPPORT[cell.support].appearance}>{SUPPORT[cell.support].text}</Lozenge>;
            const detail = [cell.endpoint, cell.note].filter(Boolean).join(' — ');
            return { key: kind, content: detail ? <Tooltip content={detail}>{badge}</Tooltip> : badge };
          }),
          {
            key: 'route',
            content:
              'credential' in row.route ? (
                <Text>{`uses ${view.credentialLabels[row.route.credential]}`}</Text>
              ) : (
                <Text size="small">{row.route.message}</Text>
              ),
          },
        ],
      }))}
    />
  );
}
