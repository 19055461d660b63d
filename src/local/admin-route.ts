import type { AdminDeps } from '../admin/admin-deps';
import { invokeResolver } from '../admin/resolver-definitions';
import type { Platform } from '../platform/ports';
import { buildAdminPreview } from './admin-preview/build';
import { serveAdminPreview } from './admin-preview/serve';
import type { LocalRoute } from './http-server';

/**
 * The admin page at /admin, rendered by the local UI Kit host and calling the same resolvers over HTTP. Whoever
 * can reach the local server is its administrator (it listens on loopback by default).
 */
export function adminRoute(platform: Platform, triggerUrl: () => Promise<string>, outDir: string): LocalRoute {
  const deps: AdminDeps = { platform, triggerUrl, isAdministrator: async () => true };
  return serveAdminPreview({
    build: () => buildAdminPreview({ entry: 'src/frontend/index.tsx', outDir }),
    invoke: (functionKey, payload, context) => invokeResolver(deps, functionKey, payload, { ...context }),
  });
}
