import { showFlag } from '@forge/bridge';
import { Button } from '@forge/react';
import { call } from '../api';

const RETRYABLE_KINDS = ['user', 'group', 'membership'] as const;
type RetryKind = (typeof RETRYABLE_KINDS)[number];

export function isRetryableKind(kind: string): kind is RetryKind {
  return (RETRYABLE_KINDS as readonly string[]).includes(kind);
}

/** Queues the subject for provisioning again, as an IdP change would. */
export function RetryButton(props: { connectionId: string; kind: RetryKind; subjectId: string; onDone?(): void }) {
  const retry = async () => {
    const result = await call('retrySubject', { connectionId: props.connectionId, kind: props.kind, subjectId: props.subjectId });
    showFlag({
      id: `retry-${props.subjectId}`,
      title: result.ok ? 'Queued for another try' : 'Could not retry',
      description: result.ok ? 'The provisioning worker picks it up within moments; its result shows here.' : result.error.message,
      type: result.ok ? 'success' : 'error',
      isAutoDismiss: true,
    });
    props.onDone?.();
  };
  return (
    <Button appearance="subtle" spacing="compact" onClick={retry}>
      Retry
    </Button>
  );
}
