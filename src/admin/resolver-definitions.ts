import { DirectoryError } from '../directory/directory-context';
import { DeadlineExceededError, withDeadline } from '../platform/deadline';
import { RESOLVER_TIMEOUT_SECONDS } from '../platform/forge-limits';
import { activityOperations } from './activity';
import type { AdminDeps, ResolverContext } from './admin-deps';
import { connectionOperations } from './connections';
import { credentialOperations } from './credentials';
import { dryRunOperations } from './dry-run';
import { optionsOperations } from './options';
import { pagePreferenceOperations } from './page-preferences';
import { pullSetupOperations } from './pull-setup';
import { reevaluationOperations } from './reevaluation';
import { AdminError, type AdminOperation, type ErrorCode, type ResolverResult } from './result';
import { retryOperations } from './retry';
import { scimSetupOperations } from './scim-setup';
import { userOperations } from './users';

/** Every use case behind the admin page, by the key the page passes to `invoke`. */
export const adminOperations = {
  ...connectionOperations,
  ...scimSetupOperations,
  ...pullSetupOperations,
  ...optionsOperations,
  ...credentialOperations,
  ...activityOperations,
  ...userOperations,
  ...retryOperations,
  ...dryRunOperations,
  ...reevaluationOperations,
  ...pagePreferenceOperations,
};

export type AdminApi = typeof adminOperations;
export type ResolverKey = keyof AdminApi;
export type PayloadOf<K extends ResolverKey> = AdminApi[K] extends AdminOperation<infer Input, infer _Data> ? Input : never;
export type DataOf<K extends ResolverKey> = AdminApi[K] extends AdminOperation<infer _Input, infer Data> ? Data : never;

/**
 * Every resolver's total budget for waiting on the outside world (HTTP, retries, backoff): Forge stops a resolver
 * at 25 s and the page then shows only a generic error, so the use case gives up first and says what timed out.
 */
export const RESOLVER_BUDGET_MS = (RESOLVER_TIMEOUT_SECONDS - 5) * 1000;

/** What the admin sees timed out, for the resolvers that reach the IdP or Atlassian. */
const WHAT_TIMED_OUT: Record<string, string> = {
  testCredentials: 'The Atlassian credential test',
  testPullConnection: 'The connection test',
  testUserLookup: 'The user lookup',
  syncUser: 'Syncing the user',
  dryRun: 'The dry run',
  retrySubject: 'The retry',
};

/** One resolver: the payload is unvalidated input from the admin page. */
export type ResolverDefinition = (deps: AdminDeps, payload: unknown, context: ResolverContext) => Promise<ResolverResult<unknown>>;

const REFUSED: ResolverResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'Only site administrators can use User & Group Sync settings.' },
};

const DIRECTORY_CODES: Record<DirectoryError['kind'], ErrorCode> = {
  conflict: 'conflict',
  notFound: 'notFound',
  versionMismatch: 'conflict',
  busy: 'failed',
  invalid: 'invalid',
};

/**
 * Each use case behind the same gate: the caller must be an administrator (checked before the payload is even
 * read), and whatever happens the page gets a result, never an exception. A failing admin check is not caught:
 * on Forge it is the platform's cue to ask the user for consent.
 */
export const resolverDefinitions: Record<string, ResolverDefinition> = Object.fromEntries(
  Object.entries(adminOperations).map(([key, run]): [string, ResolverDefinition] => [
    key,
    async (deps, payload, context) => {
      const budgeted = { ...deps, platform: withDeadline(deps.platform, RESOLVER_BUDGET_MS) };
      if (!(await deps.isAdministrator(context))) return REFUSED;
      try {
        return { ok: true, data: await run(budgeted, payload, context) };
      } catch (error) {
        return failure(deps, key, error);
      }
    },
  ]),
);

/** What the Forge resolver and the local preview call: one resolver by key. */
export async function invokeResolver(deps: AdminDeps, key: string, payload: unknown, context: ResolverContext): Promise<ResolverResult<unknown>> {
  const definition = Object.hasOwn(resolverDefinitions, key) ? resolverDefinitions[key] : undefined;
  if (!definition)
    return {
      ok: false,
      error: { code: 'notFound', message: `The admin page asked for "${key}", which this version of the app does not offer: reload the page.` },
    };
  return definition(deps, payload, context);
}

function failure(deps: AdminDeps, key: string, error: unknown): ResolverResult<never> {
  if (error instanceof AdminError) {
    return { ok: false, error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } };
  }
  if (error instanceof DirectoryError) return { ok: false, error: { code: DIRECTORY_CODES[error.kind], message: error.message } };
  if (error instanceof DeadlineExceededError) {
    const what = WHAT_TIMED_OUT[key] ?? 'This request';
    const waiting = error.waitingFor ? `: ${error.waitingFor} did not answer in time, or kept asking to retry later` : '';
    const message = `${what} did not finish within ${error.budgetMs / 1000} seconds${waiting}. Try again in a minute; if it keeps happening, check that the service is reachable.`;
    return { ok: false, error: { code: 'failed', message } };
  }
  deps.platform.log.error('admin.resolver_failed', { key, error: error instanceof Error ? error.name : typeof error });
  const detail = error instanceof Error ? error.message : 'unknown error';
  return { ok: false, error: { code: 'failed', message: `This did not work: ${detail} Try again; if it keeps failing, check the app's logs.` } };
}
