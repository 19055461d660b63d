import type { AdminDeps } from '../admin/admin-deps';
import { invokeResolver } from '../admin/resolver-definitions';
import { RESOLVER_TIMEOUT_SECONDS } from '../platform/forge-limits';
import { InvocationTimeoutError, underDeadline } from '../platform/local/invocation-deadline';
import type { Platform } from '../platform/ports';
import { buildAdminPreview } from './admin-preview/build';
import { serveAdminPreview } from './admin-preview/serve';
import type { LocalRoute } from './http-server';

/**
 * The admin page at /admin, rendered by the local UI Kit host and calling the same resolvers over HTTP. Whoever
 * can reach the local server is its administrator (it listens on loopback by default); `listenHost` is the
 * address it listens on, the one Host besides the loopback names that its API answers.
 */
export function adminRoute(platform: Platform, triggerUrl: () => Promise<string>, outDir: string, listenHost?: string): LocalRoute {
  const deps: AdminDeps = { platform, triggerUrl, isAdministrator: async () => true };
  return serveAdminPreview({
    listenHost,
    build: () => buildAdminPreview({ entry: 'src/frontend/index.tsx', outDir }),
    invoke: (functionKey, payload, context) =>
      underDeadline(platform.clock, RESOLVER_TIMEOUT_SECONDS, `The resolver ${functionKey}`, () =>
        invokeResolver(deps, functionKey, payload, { ...context }),
      ).catch((error: unknown) => {
        if (!(error instanceof InvocationTimeoutError)) throw error;
        return { ok: false as const, error: { code: 'failed' as const, message: `${error.message} Forge would have stopped it there.` } };
      }),
  });
}
