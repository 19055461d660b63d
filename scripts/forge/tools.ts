// Atlassian's Forge linter and bundler live in tools/forge, a package of their own: @forge/cli-shared pulls in
// keytar, a native module that needs libsecret to build, so they stay out of the app's install and are installed
// here on first use (with --ignore-scripts: keytar is only loaded to store Forge login credentials, which
// neither the linter nor the bundler needs offline).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../..');
export const toolsDir = join(repoRoot, 'tools/forge');

const STAMP = join(toolsDir, 'node_modules/.installed-lock');

/** Installs tools/forge from its lock file when missing or out of date, and returns a require() rooted there. */
export function forgeTools(): NodeJS.Require {
  const lockHash = createHash('sha256')
    .update(readFileSync(join(toolsDir, 'package-lock.json')))
    .digest('hex');
  if (!existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== lockHash) {
    console.log('Installing the Forge tools in tools/forge (npm install --ignore-scripts)...');
    execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: toolsDir, stdio: 'inherit' });
    writeFileSync(STAMP, lockHash);
  }
  return createRequire(join(toolsDir, 'package.json'));
}

/** A logger with the shape the Forge tools expect. */
export const toolLogger = {
  info: (message: string) => console.log(message),
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
  debug: () => undefined,
};
