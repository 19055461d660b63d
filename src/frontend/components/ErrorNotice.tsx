import { SectionMessage, Text } from '@forge/react';
import type { ResolverError } from '../api';

const TITLES: Record<ResolverError['code'], string> = {
  forbidden: 'Administrators only',
  invalid: 'Check the highlighted fields',
  notFound: 'Not found',
  conflict: 'Not possible right now',
  failed: 'Something went wrong',
};

/**
 * A resolver's refusal, said where the admin is looking (next to the button that was pressed). With `shownFields`
 * (the paths the form shows messages under), the messages for any other field are listed here, so that no refusal
 * is left without its reason.
 */
export function ErrorNotice({ error, shownFields }: { error?: ResolverError; shownFields?: string[] }) {
  if (!error) return null;
  const isShown = (path: string) => shownFields?.some((shown) => path === shown || path.startsWith(`${shown}.`));
  const unshown = shownFields ? Object.entries(error.fields ?? {}).filter(([path]) => !isShown(path)) : [];
  const title =
    error.code === 'invalid' && unshown.length > 0 && unshown.length === Object.keys(error.fields ?? {}).length ? 'Not saved' : TITLES[error.code];
  return (
    <SectionMessage appearance={error.code === 'invalid' ? 'warning' : 'error'} title={title}>
      <Text>{error.message}</Text>
      {unshown.map(([path, message]) => (
        <Text key={path}>{`${path.split('.').at(-1)}: ${message}`}</Text>
      ))}
    </SectionMessage>
  );
}
