import type { PullProvider } from '../sync/pull-config';

/** The IdPs with a REST-pull connector; the others only push over SCIM. Free of imports: the admin page uses it too. */
export const PULL_PROVIDERS = ['oracle-idcs', 'miniorange'] as const satisfies readonly PullProvider[];

export function isPullProvider(provider: string | undefined): provider is PullProvider {
  return (PULL_PROVIDERS as readonly (string | undefined)[]).includes(provider);
}
