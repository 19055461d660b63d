import { SectionMessage, Stack, Text } from '@forge/react';
import type { ExpiryNotice } from '../../atlassian/key-expiry';

/** Atlassian keys that expired or expire within 30 days: shown atop the page and on the credentials tab. */
export function KeyExpiryNotices({ notices }: { notices: ExpiryNotice[] | undefined }) {
  if (!notices || notices.length === 0) return null;
  return (
    <Stack space="space.100">
      {notices.map((notice) => (
        <SectionMessage
          key={notice.kind}
          appearance={notice.appearance}
          title={notice.appearance === 'error' ? 'An Atlassian key has expired' : 'An Atlassian key expires soon'}
        >
          <Text>{notice.message}</Text>
        </SectionMessage>
      ))}
    </Stack>
  );
}
