import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundle, forgeWebpackConfig, repoRoot, type BundleTarget } from './forge-webpack';
import { describeHits, localOnlyModules } from './local-only-modules';

const BUILD_TIMEOUT_MS = 180_000;

let outputRoot: string;
beforeAll(() => {
  outputRoot = mkdtempSync(join(tmpdir(), 'forge-bundle-'));
});
afterAll(() => rmSync(outputRoot, { recursive: true, force: true }));

async function build(entry: string, target: BundleTarget, name: string) {
  const outputDir = join(outputRoot, name);
  const result = await bundle(forgeWebpackConfig(entry, target, outputDir));
  return { ...result, outputDir };
}

/** `handler: index.scimTrigger` -> scimTrigger, for every function in manifest.yml. */
function manifestHandlers(): string[] {
  const manifest = readFileSync(join(repoRoot, 'manifest.yml'), 'utf8');
  return [...manifest.matchAll(/handler:\s*index\.(\w+)/g)].map((match) => match[1]);
}

describe('the deployable Forge bundles', () => {
  it(
    'builds the functions bundle (src/index.ts) with no local-only module and every manifest handler exported',
    async () => {
      const result = await build(join(repoRoot, 'src/index.ts'), 'node', 'functions');
      expect(result.errors).toEqual([]);
      expect(describeHits(localOnlyModules(result.modules))).toBe('');
      expect(result.modules.map((m) => m.id)).toContain('src/entry/scim-trigger.ts');

      const exported = require(join(result.outputDir, 'index.js')) as Record<string, unknown>;
      const handlers = manifestHandlers();
      expect(handlers.length).toBeGreaterThan(0);
      for (const handler of handlers) expect([handler, typeof exported[handler]]).toEqual([handler, 'function']);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    'builds the UI Kit resource (src/frontend/index.tsx) for the web with no local-only module',
    async () => {
      const result = await build(join(repoRoot, 'src/frontend/index.tsx'), 'web', 'frontend');
      expect(result.errors).toEqual([]);
      expect(describeHits(localOnlyModules(result.modules))).toBe('');
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    'reports local-only code that an entry reaches (proves the check can fail)',
    async () => {
      const entryDir = mkdtempSync(join(tmpdir(), 'forge-bundle-entry-'));
      try {
        const entry = join(entryDir, 'entry.ts');
        writeFileSync(
          entry,
          [
            `export { createLocalHttpServer } from '${join(repoRoot, 'src/local/http-server')}';`,
            `export { openDatabase } from '${join(repoRoot, 'src/platform/local/database')}';`,
          ].join('\n'),
        );
        const result = await build(entry, 'node', 'leaky');
        const hits = localOnlyModules(result.modules);
        const ids = hits.map((hit) => hit.id);
        expect(ids).toContain('src/local/http-server.ts');
        expect(ids).toContain('src/platform/local/database.ts');
        expect(ids.some((id) => id.includes('node_modules/better-sqlite3/'))).toBe(true);
        const sqlite = hits.find((hit) => hit.id.includes('node_modules/better-sqlite3/'));
        expect(sqlite?.importedBy).toContain('src/platform/local/database.ts');
      } finally {
        rmSync(entryDir, { recursive: true, force: true });
      }
    },
    BUILD_TIMEOUT_MS,
  );
});
