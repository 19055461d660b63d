import type { PullProvider } from './pull-config';

/** What Forge cannot do that the Data Center app does, and what to use instead: shown with connection tests and lookups. */
export const PLATFORM_NOTES = [
  'Sync during user login is not possible on Forge (apps get no login hook): choose a 5-minute interval for delta runs, ' +
    'or use "Sync user" for one user.',
  'LDAP directories cannot be reached from Forge (functions cannot open LDAP connections): "Test user lookup" replaces ' +
    'LDAP’s "Test Sync" for the REST-pull IdPs.',
];

export const MINIORANGE_RUN_MESSAGE =
  'miniOrange publishes no listing API, so a run looks up, one by one, the users already in this connection’s ' +
  'directory and refreshes them. It cannot find new users or removed ones: add users with "Sync user", or set up ' +
  'SCIM provisioning from miniOrange (a SCIM Server app) for complete sync.';

export function notesFor(provider: PullProvider): string[] {
  return provider === 'miniorange' ? [...PLATFORM_NOTES, MINIORANGE_RUN_MESSAGE] : PLATFORM_NOTES;
}
