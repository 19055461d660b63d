// `npm run forge:lint`: Atlassian's @forge/lint as `forge lint` (and so `forge deploy`) runs it, client side and
// offline. Same file selection as the CLI's lint service: ./src and each UI Kit resource's folder, minus
// .gitignore'd files. Two network calls are stood in for: Statsig feature flags (answered "unknown", so the
// linter uses its defaults, as it does when Statsig is unreachable) and the product OpenAPI specs, read from
// tools/forge/openapi (Jira's platform spec, trimmed to what the linter reads; see jira-spec.ts).
// Fails on any lint error, and when the linter parsed fewer TypeScript files than it was given: the linter
// silently drops files that tsconfig "include" does not match as globs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { forgeTools, repoRoot, toolLogger } from './tools';
import { EMPTY_SPEC, JIRA_SPEC } from './jira-spec';

interface LintResult {
  size(): number;
}

async function main(): Promise<void> {
  process.chdir(repoRoot);
  const req = forgeTools();
  useLocalSpecs();
  const cliShared = req('@forge/cli-shared');
  const { lint, parseSourceFile, problemCount, reportLintResults } = req('@forge/lint');

  class OfflineStatsig extends cliShared.StatsigReader {
    async checkGate(): Promise<null> {
      return null;
    }
    async getDynamicConfig(): Promise<null> {
      return null;
    }
  }

  const fileReader = new cliShared.FileSystemReader();
  const configFile = new cliShared.ConfigFile(fileReader, new cliShared.FileSystemWriter());
  const uiKitDirs = ((await configFile.getResources(['nativeUI'])) as { path: string }[]).map((r) => dirname(r.path));
  const exclude = [...(await cliShared.listGitIgnoreFiles(fileReader)), '.git', 'node_modules'];
  const listed = (await Promise.all(['./src', ...uiKitDirs].map((dir) => fileReader.recursiveReadDir(dir, exclude)))) as string[][];
  const files = [...new Set(listed.flat())];

  let parsed = 0;
  const results = (await lint(files, await configFile.readConfig(), process.env.FORGE_ENV ?? 'development', toolLogger, new OfflineStatsig(), {
    linter: { mode: 'client-side' },
    parseFunction: (...args: unknown[]) => {
      parsed += 1;
      return parseSourceFile(...args);
    },
  })) as LintResult[];

  reportLintResults(toolLogger, results);
  const count = problemCount(results) as { errors: number; warnings: number };
  const typescript = files.filter((file) => /\.tsx?$/.test(file)).length;
  console.log(
    `forge lint: ${files.length} files listed, ${parsed} parsed (${typescript} TypeScript); ${count.errors} errors, ${count.warnings} warnings`,
  );
  if (parsed < typescript) {
    console.error('The linter dropped TypeScript files: tsconfig.json "include" must list globs such as "src/**/*".');
    process.exitCode = 1;
  }
  if (count.errors > 0) process.exitCode = 1;
}

/** The permission linter's switch to local specs; it caches what it reads under XDG_CONFIG_HOME. */
function useLocalSpecs(): void {
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: JIRA_SPEC,
    LOCAL_JSM_SWAGGER: EMPTY_SPEC,
    LOCAL_JSW_SWAGGER: EMPTY_SPEC,
    LOCAL_CONF_SWAGGER: EMPTY_SPEC,
    LOCAL_CONF_V2_SWAGGER: EMPTY_SPEC,
    LOCAL_BB_SWAGGER: EMPTY_SPEC,
    XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'forge-lint-config-')),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
