// `npm run forge:bundle`: builds what `forge deploy` uploads, with Atlassian's @forge/bundler and its own webpack
// configs: the function bundle of every handler in manifest.yml (dist/forge/function/index.cjs) and each UI Kit
// resource (dist/forge/ui-<key>/). Offline, one thing is stood in for: the Forge runtime loader and wrapper that
// the CLI downloads from Atlassian's CDN and ships beside the bundle (__forge__.cjs); the bundle itself is built
// as on deploy. Prints each output's size; dist/forge/summary.json keeps them with the bundler's metadata.
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { forgeTools, repoRoot } from './tools';

export const BUNDLE_DIR = join(repoRoot, 'dist/forge');

const offlineWrapperProvider = {
  async getNodeRuntimeWrapper() {
    return { script: '/* offline: the Forge runtime wrapper is fetched from the CDN on deploy */\n', source: 'offline', version: 'offline' };
  },
  async getNodeRuntimeLoader() {
    return { script: '/* offline: the Forge runtime loader is fetched from the CDN on deploy */\n', source: 'offline', version: 'offline' };
  },
};

const quietLogger = {
  info: () => undefined,
  debug: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

interface Built {
  name: string;
  ms: number;
  files: [string, number][];
}

async function main(): Promise<void> {
  process.chdir(repoRoot);
  const req = forgeTools();
  // @forge/cli-shared's tmpDir() puts webpack's output under os.tmpdir(): keep it beside ours.
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  process.env.TMPDIR = join(BUNDLE_DIR, '.tmp');
  mkdirSync(process.env.TMPDIR, { recursive: true });
  const cliShared = req('@forge/cli-shared');
  const bundler = req('@forge/bundler');
  const configFile = new cliShared.ConfigFile(new cliShared.FileSystemReader(), new cliShared.FileSystemWriter());
  const built: Built[] = [];

  let started = Date.now();
  const entryPoints = bundler.getEntryPoints(await configFile.getAppHandlers());
  const functions = await bundler.getNodeBundler(quietLogger, offlineWrapperProvider, configFile).bundle({ appDirectory: repoRoot, entryPoints });
  const functionDir = join(BUNDLE_DIR, 'function');
  cpSync(functions.outputDir, functionDir, { recursive: true });
  for (const [name, content] of (functions.additionalOutputs ?? new Map()) as Map<string, Buffer | string>) {
    const target = join(functionDir, name);
    mkdirSync(join(target, '..'), { recursive: true });
    if (Buffer.isBuffer(content)) writeFileSync(target, content);
    else cpSync(content, target);
  }
  built.push({ name: 'function', ms: Date.now() - started, files: sizes(functionDir) });

  started = Date.now();
  const config = await configFile.readConfig();
  const resources = (await configFile.getResources()).filter(cliShared.shouldBundleResource);
  const ui = await new bundler.NativeUIBundler(quietLogger).bundleResources(resources, config.translations);
  for (const resource of ui.nativeUiBundlesDetails as { key: string; path: string }[]) {
    const dir = join(BUNDLE_DIR, `ui-${resource.key}`);
    cpSync(resource.path, dir, { recursive: true });
    built.push({ name: `ui-${resource.key}`, ms: Date.now() - started, files: sizes(dir) });
  }

  rmSync(process.env.TMPDIR, { recursive: true, force: true });
  writeFileSync(
    join(BUNDLE_DIR, 'summary.json'),
    JSON.stringify({ built, functionMetadata: plain(functions.metadata), uiMetadata: plain(ui.metadata) }, null, 1),
  );
  for (const output of built) {
    const code = output.files.filter(([file]) => /\.c?js$/.test(file)).reduce((sum, [, size]) => sum + size, 0);
    console.log(
      `${relative(repoRoot, join(BUNDLE_DIR, output.name))}: ${kb(code)} of JavaScript in ${output.files.length} files (${(output.ms / 1000).toFixed(0)} s)`,
    );
    for (const [file, size] of output.files.slice(0, 3)) console.log(`  ${file} ${kb(size)}`);
  }
}

function sizes(dir: string): [string, number][] {
  const files: [string, number][] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push([relative(dir, path), statSync(path).size]);
    }
  };
  walk(dir);
  return files.sort((a, b) => b[1] - a[1]);
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

/** Metadata holds Sets; JSON wants arrays. */
function plain(metadata: object): unknown {
  return JSON.parse(JSON.stringify(metadata, (_key, value: unknown) => (value instanceof Set ? [...value] : value)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
