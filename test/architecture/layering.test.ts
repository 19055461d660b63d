import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';

// The layers of src/ (README, "Architecture"): each folder may import only the folders listed for it, so the
// pure SCIM library stays pure, use cases never reach a runtime, and nothing of the product depends on the local
// runtime, the fakes or the tests. Tests (*.test.ts) may import anything.

const root = join(__dirname, '..', '..');

/** Folder (or module) under src/ → the folders under src/ it may import, besides itself. */
const MAY_IMPORT: Record<string, string[]> = {
  scim: [],
  storage: [],
  platform: ['storage'],
  'platform/forge': ['platform', 'storage'],
  'platform/local': ['platform', 'storage'],
  records: ['platform', 'storage'],
  connections: ['platform', 'storage'],
  directory: ['platform', 'storage', 'records'],
  atlassian: ['platform', 'storage'],
  idp: ['platform', 'storage'],
  provisioning: ['platform', 'storage', 'records', 'connections', 'directory', 'atlassian', 'scim'],
  'scim-service': ['platform', 'storage', 'records', 'connections', 'directory', 'provisioning', 'scim'],
  sync: ['platform', 'storage', 'records', 'connections', 'directory', 'provisioning', 'idp'],
  admin: ['platform', 'storage', 'records', 'connections', 'directory', 'provisioning', 'atlassian', 'idp', 'sync'],
  frontend: ['admin', 'records', 'provisioning', 'atlassian', 'sync'],
  entry: ['platform', 'platform/forge', 'storage', 'records', 'provisioning', 'scim', 'scim-service', 'sync', 'admin'],
  index: ['entry'],
  fakes: ['platform', 'storage', 'idp'],
  local: [
    'platform',
    'platform/local',
    'storage',
    'records',
    'connections',
    'directory',
    'atlassian',
    'idp',
    'provisioning',
    'scim-service',
    'sync',
    'admin',
    'fakes',
  ],
};

/** Packages only some layers may import; any other package is open to every layer. */
const PACKAGE_OWNERS: { pattern: RegExp; layers: string[] }[] = [
  { pattern: /^@forge\/(react|bridge)$/, layers: ['frontend'] },
  { pattern: /^@forge\//, layers: ['entry', 'platform', 'platform/forge', 'platform/local', 'fakes'] },
  { pattern: /^better-sqlite3$/, layers: ['platform/local', 'local'] },
  { pattern: /^(webpack|react-dom|playwright-core|fast-check|jest|@jest\/.*)$/, layers: ['local'] },
];

/**
 * Package internals (`pkg/out/…`): the product uses packages through their public entry points only, but for a
 * type @forge/kvs does not export.
 */
const INTERNALS_ALLOWED = new Set(['@forge/kvs/out/entity-query']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** `src/platform/forge/x.ts` → `platform/forge`; `src/sync/x.ts` → `sync`; `src/index.ts` → `index`. */
function layerOf(srcPath: string): string {
  const parts = srcPath.split('/');
  if (parts.length === 1) return parts[0].replace(/\.tsx?$/, '');
  if (parts[0] === 'platform' && (parts[1] === 'forge' || parts[1] === 'local')) return `platform/${parts[1]}`;
  return parts[0];
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

interface Violation {
  file: string;
  imports: string;
  why: string;
}

function importViolations(file: string, text: string): Violation[] {
  const layer = layerOf(file);
  const allowed = MAY_IMPORT[layer];
  if (!allowed) return [{ file, imports: '', why: `folder "${layer}" has no layering rule` }];
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.flatMap(({ fileName: specifier }): Violation[] => {
    if (specifier.startsWith('node:')) return [];
    if (!specifier.startsWith('.')) {
      const name = packageName(specifier);
      if (specifier !== name && !INTERNALS_ALLOWED.has(specifier)) return [{ file, imports: specifier, why: "a package's internals" }];
      const owner = PACKAGE_OWNERS.find(({ pattern }) => pattern.test(name));
      return owner && !owner.layers.includes(layer) ? [{ file, imports: specifier, why: `only ${owner.layers.join(', ')} may import ${name}` }] : [];
    }
    const target = normalize(join(dirname(file), specifier));
    if (target.startsWith('..')) return [{ file, imports: specifier, why: 'outside src/ (tests, scripts)' }];
    const targetLayer = layerOf(target);
    return targetLayer === layer || allowed.includes(targetLayer)
      ? []
      : [{ file, imports: specifier, why: `${layer} may not import ${targetLayer}` }];
  });
}

function violations(): Violation[] {
  const src = join(root, 'src');
  return sourceFiles(src).flatMap((path) => importViolations(relative(src, path), readFileSync(path, 'utf8')));
}

/** Import cycles between modules of src/, each as the chain of files that closes it. */
function cycles(): string[][] {
  const src = join(root, 'src');
  const graph = new Map<string, string[]>();
  for (const path of sourceFiles(src)) {
    const file = relative(src, path).replace(/\.tsx?$/, '');
    const { importedFiles } = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
    graph.set(
      file,
      importedFiles.filter(({ fileName }) => fileName.startsWith('.')).map(({ fileName }) => normalize(join(dirname(file), fileName))),
    );
  }
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, chain: string[]) => {
    if (state.get(file) === 'done' || !graph.has(file)) return;
    if (state.get(file) === 'open') {
      found.push([...chain.slice(chain.indexOf(file)), file]);
      return;
    }
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) visit(next, [...chain, file]);
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) visit(file, []);
  return found;
}

describe('layering of src/', () => {
  it('every import follows the layers', () => {
    expect(violations().map(({ file, imports, why }) => `${file} imports ${imports}: ${why}`)).toEqual([]);
  });

  it('no module imports itself through others', () => {
    expect(cycles().map((chain) => chain.join(' -> '))).toEqual([]);
  });

  it('has a rule for every folder under src/', () => {
    const folders = readdirSync(join(root, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => !MAY_IMPORT[folder])).toEqual([]);
  });

  it('refuses the wrong-way imports it is there to stop', () => {
    const refused = (file: string, specifier: string) => importViolations(file, `import { x } from '${specifier}';`).map(({ why }) => why);
    expect(refused('connections/delete-connection.ts', '../sync/pull-keys')).toEqual(['connections may not import sync']);
    expect(refused('platform/forge/admin-check.ts', '../../admin/admin-deps')).toEqual(['platform/forge may not import admin']);
    expect(refused('scim/filter/parser.ts', '../../directory/model')).toEqual(['scim may not import directory']);
    expect(refused('sync/step.ts', '../fakes/idp/fake-idcs')).toEqual(['sync may not import fakes']);
    expect(refused('provisioning/plan.ts', '../local/runtime')).toEqual(['provisioning may not import local']);
    expect(refused('idp/idp-http.ts', '../../test/kit/fake-clock')).toEqual(['outside src/ (tests, scripts)']);
    expect(refused('platform/queue-batches.ts', '@forge/events/out/validators')).toEqual(["a package's internals"]);
    expect(refused('sync/pull-queue.ts', '@forge/events')).toEqual([
      'only entry, platform, platform/forge, platform/local, fakes may import @forge/events',
    ]);
    expect(refused('directory/users.ts', 'better-sqlite3')).toEqual(['only platform/local, local may import better-sqlite3']);
    expect(refused('entry/resolver.ts', '../admin/admin-deps')).toEqual([]);
  });
});
