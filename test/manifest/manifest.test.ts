import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validate } from '@forge/manifest';

const root = resolve(__dirname, '../..');
const manifestText = readFileSync(join(root, 'manifest.yml'), 'utf8');

/** Writes a manifest beside a link to the real src/, so handler-file checks see the real entry. */
function validateVariant(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  symlinkSync(join(root, 'src'), join(dir, 'src'));
  writeFileSync(join(dir, 'manifest.yml'), text);
  return validate(false, join(dir, 'manifest.yml')).finally(() => rmSync(dir, { recursive: true, force: true }));
}

describe('manifest.yml', () => {
  it('passes the Forge manifest validator with no errors', async () => {
    const result = await validate(false, join(root, 'manifest.yml'));
    expect(result.errors?.filter((e) => e.level === 'error')).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('fails when a module key is broken (proves the check can fail)', async () => {
    const broken = manifestText.replace('- key: admin-page', '- key: admin page!');
    expect(broken).not.toEqual(manifestText);
    const result = await validateVariant(broken);
    expect(result.success).toBe(false);
    expect(result.errors?.some((e) => e.level === 'error')).toBe(true);
  });

  it('fails when two modules share a key', async () => {
    const duplicate = manifestText.replace('- key: pull-sync-consumer', '- key: provisioning-consumer');
    const result = await validateVariant(duplicate);
    expect(result.success).toBe(false);
    expect(result.errors?.map((e) => e.message).join(' ')).toMatch(/duplicate/i);
  });

  it('declares what the product relies on', () => {
    expect(manifestText).toMatch(/urlFormat: v2/);
    expect(manifestText).toMatch(/type: dynamic/);
    expect(manifestText).toMatch(/interval: fiveMinute/);
    expect(manifestText).toMatch(/name: nodejs22\.x/);
    for (const host of [
      'https://api.atlassian.com',
      'https://\\*\\.atlassian\\.net',
      'https://api.bitbucket.org',
      'oraclecloud\\.com',
      'xecurify\\.com',
    ]) {
      expect(manifestText).toMatch(new RegExp(`- address: [^\\n]*${host}`));
    }
  });

  it('installs one @forge/api, which every @forge client shares (package-lock.json)', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).filter((path) => path.endsWith('node_modules/@forge/api'))).toEqual(['node_modules/@forge/api']);
  });

  it("lists tsconfig's include as globs: @forge/lint drops every file a folder-style entry names", () => {
    const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as { include: string[] };
    expect(tsconfig.include.filter((entry) => !entry.includes('*'))).toEqual([]);
  });
});
