import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

// What `npm run forge:bundle` (Atlassian's @forge/bundler, run by .ci/run before the tests) left in dist/forge.
// Building takes minutes and needs the Forge tools (tools/forge), so the tests read the output instead of
// building: locally they are skipped with a message when it is missing or older than the sources; in CI
// (CI=true) that is a failure.

export const repoRoot = resolve(__dirname, '../..');
export const bundleDir = join(repoRoot, 'dist/forge');
export const functionBundle = join(bundleDir, 'function/index.cjs');

/** Why the bundle cannot be tested now, or undefined when it is there and newer than every source. */
function unavailable(): string | undefined {
  const summary = join(bundleDir, 'summary.json');
  if (!existsSync(summary)) return 'dist/forge is not built';
  const builtAt = statSync(summary).mtimeMs;
  const newer = [join(repoRoot, 'manifest.yml'), ...filesUnder(join(repoRoot, 'src'))].find((file) => statSync(file).mtimeMs > builtAt);
  return newer ? `dist/forge is older than ${newer.slice(repoRoot.length + 1)}` : undefined;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** describe() over the built bundle: skipped with the reason locally, failing in CI, when it cannot be used. */
export function describeBuiltBundle(name: string, body: () => void): void {
  const reason = unavailable();
  if (!reason) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () =>
      it('has a fresh bundle to test', () => {
        throw new Error(`${reason}: .ci/run must run npm run forge:bundle first`);
      }),
    );
  } else {
    console.warn(`Skipping "${name}": ${reason}. Run \`npm run forge:bundle\` (installs the Forge tools in tools/forge).`);
    describe.skip(name, body);
  }
}

/** The repository-relative source files a bundle was built from, read from its source map. */
export function bundledSources(mapFile: string): string[] {
  const map = JSON.parse(readFileSync(join(bundleDir, mapFile), 'utf8')) as { sources: string[] };
  return map.sources.map((source) => source.replace(/^webpack:\/\/[^/]*\/\.\//, ''));
}
