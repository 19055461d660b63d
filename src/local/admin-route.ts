import { resolverDefinitions } from '../admin/resolver-definitions';
import type { Platform } from '../platform/ports';
import { buildAdminPreview } from './admin-preview/build';
import { serveAdminPreview } from './admin-preview/serve';
import type { LocalRoute } from './http-server';

/** The admin page at /admin, rendered by the local UI Kit host and calling the same resolvers over HTTP. */
export function adminRoute(platform: Platform, _triggerUrl: () => Promise<string>, outDir: string): LocalRoute {
  return serveAdminPreview({
    build: () => buildAdminPreview({ entry: 'src/frontend/index.tsx', outDir }),
    invoke: async (functionKey, payload, context) => {
      const resolver = resolverDefinitions[functionKey];
      if (!resolver) throw new Error(`No resolver ${functionKey}`);
      return resolver(platform, payload, { ...context });
    },
  });
}
