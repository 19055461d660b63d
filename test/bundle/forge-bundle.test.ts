import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleDir, bundledSources, describeBuiltBundle, functionBundle, repoRoot } from '../kit/forge-bundle';
import { localOnlySources } from './local-only-modules';

/** `handler: index.scimTrigger` -> scimTrigger, for every function in manifest.yml. */
function manifestHandlers(): string[] {
  const manifest = readFileSync(join(repoRoot, 'manifest.yml'), 'utf8');
  return [...manifest.matchAll(/handler:\s*index\.(\w+)/g)].map((match) => match[1]);
}

describeBuiltBundle('the bundles @forge/bundler built (npm run forge:bundle)', () => {
  it('exports every manifest handler from the function bundle, built from src/index.ts with no local-only module', () => {
    const sources = bundledSources('function/index.cjs.map');
    expect(sources).toContain('src/entry/scim-trigger.ts');
    expect(localOnlySources(sources)).toEqual([]);

    const exported = require(functionBundle) as Record<string, unknown>;
    const handlers = manifestHandlers();
    expect(handlers.length).toBeGreaterThan(0);
    for (const handler of handlers) expect([handler, typeof exported[handler]]).toEqual([handler, 'function']);
  });

  it('builds the UI Kit resource from src/frontend with no local-only module', () => {
    const sources = bundledSources('ui-admin-ui/admin-ui.js.map');
    expect(sources).toContain('src/frontend/App.tsx');
    expect(localOnlySources(sources)).toEqual([]);
    expect(readFileSync(join(bundleDir, 'ui-admin-ui/index.html'), 'utf8')).toMatch(/admin-ui\.js/);
  });
});

describe('the local-only check', () => {
  it('names local-only sources and why (proves the check can fail)', () => {
    const found = localOnlySources([
      'src/entry/scim-trigger.ts',
      'src/local/http-server.ts',
      'src/platform/local/database.ts',
      'node_modules/better-sqlite3/lib/database.js',
      'src/fakes/atlassian-site/sandbox-site.ts',
      'node_modules/zod/v4/core/core.js',
    ]);
    expect(found).toEqual([
      'src/local/http-server.ts (the local runtime and its node HTTP server)',
      'src/platform/local/database.ts (local implementations of the ports)',
      'node_modules/better-sqlite3/lib/database.js (SQLite is the local store)',
      'src/fakes/atlassian-site/sandbox-site.ts (stand-ins for the outside world: sandbox site, fake IdPs, Forge SDK fakes)',
    ]);
  });
});
