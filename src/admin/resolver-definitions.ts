import { DirectoryError } from '../directory/directory-context';
import { activityOperations } from './activity';
import type { AdminDeps, ResolverContext } from './admin-deps';
import { connectionOperations } from './connections';
import { credentialOperations } from './credentials';
import { dryRunOperations } from './dry-run';
import { optionsOperations } from './options';
import { pagePreferenceOperations } from './page-preferences';
import { pullSetupOperations } from './pull-setup';
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
  ...pagePreferenceOperations,
};

export type AdminApi = typeof adminOperations;
export type ResolverKey = keyof AdminApi;
export type PayloadOf<K extends ResolverKey> = AdminApi[K] extends AdminOperation<infer Input, infer _Data> ? Input : never;
export type DataOf<K extends ResolverKey> = AdminApi[K] extends AdminOperation<infer _Input, infer Data> ? Data : never;

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
      if (!(await deps.isAdministrator(context))) return REFUSED;
      try {
        return { ok: true, data: await run(deps, payload, context) };
      } catch (error) {
        return failure(deps, key, error);
      }
    },
  ]),
);

/** What the Forge resolver and the local preview call: one resolver by key. */
export async function invokeResolver(deps: AdminDeps, key: string, payload: unknown, context: ResolverContext): Promise<ResolverResult<unknown>> {
  const definition = Object.hasOwn(resolverDefinitions, key) ? resolverDefinitions[key] : undefined;
  if (!definition) return { ok: false, error: { code: 'notFound', message: `The admin page asked for "${key}", which this version of the app does not offer: reload the page.` } };
  return definition(deps, payload, context);
}

function failure(deps: AdminDeps, key: string, error: unknown): ResolverResult<never> {
  if (error instanceof AdminError) {
    return { ok: false, error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } };
  }
  if (error instanceof DirectoryError) return { ok: false, error: { code: DIRECTORY_CODES[error.kind], message: error.message } };
  deps.platform.log.error('admin.resolver_failed', { key, error: error instanceof Error ? error.name : typeof error });
  const detail = error instanceof Error ? error.message : 'unknown error';
  return { ok: false, error: { code: 'failed', message: `This did not work: ${detail} Try again; if it keeps failing, check the app's logs.` } };
}
