import { SectionMessage, Text } from '@forge/react';
import type { ResolverError } from '../api';

const TITLES: Record<ResolverError['code'], string> = {
  forbidden: 'Administrators only',
  invalid: 'Check the highlighted fields',
  notFound: 'Not found',
  conflict: 'Not possible right now',
  failed: 'Something went wrong',
};

/** A resolver's refusal, said where the admin is looking. */
export function ErrorNotice({ error }: { error?: ResolverError }) {
  if (!error) return null;
  return (
    <SectionMessage appearance={error.code === 'invalid' ? 'warning' : 'error'} title={TITLES[error.code]}>
      <Text>{error.message}</Text>
    </SectionMessage>
  );
}
