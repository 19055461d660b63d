import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `npm start` as a newcomer runs it (the same entry, src/local/main.ts, through tsx): the lines it prints, the
// SCIM base URL answering with the printed token and refusing without it, the token not printed again on a
// second start, and a clean stop on SIGTERM.

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const START_TIMEOUT_MS = 60_000;

interface Started {
  child: ChildProcess;
  lines: string[];
  value(label: string): string;
  exited: Promise<number | null>;
}

async function start(dataDir: string, env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(TSX, ['src/local/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no sandbox line in time: ${lines.join(' | ')}`)), START_TIMEOUT_MS);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      lines.push(...chunk.split('\n').filter(Boolean));
      if (lines.some((line) => line.startsWith('Sandbox site:'))) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => reject(new Error(`npm start exited with ${code}: ${lines.join(' | ')}`)));
  });
  const value = (label: string) => (lines.find((line) => line.startsWith(`${label}: `)) ?? '').slice(label.length + 2).trim();
  return { child, lines, value, exited };
}

async function stop(started: Started): Promise<number | null> {
  started.child.kill('SIGTERM');
  return started.exited;
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ugs-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'prints the SCIM base URL and a token that the endpoint accepts, and refuses requests without it',
    async () => {
      const first = await start(dataDir);
      try {
        const baseUrl = first.value('SCIM base URL');
        const token = first.value('SCIM token');
        expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[a-z0-9]{8,32}\/scim\/v2$/);
        expect(token).toMatch(/^ugs_[A-Za-z0-9_-]{43}$/);
        expect(first.value('Admin page')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/admin$/);

        const ok = await fetch(`${baseUrl}/ServiceProviderConfig`, { headers: { Authorization: `Bearer ${token}` } });
        expect(ok.status).toBe(200);
        expect(ok.headers.get('content-type')).toContain('application/scim+json');
        expect((await ok.json()).schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig']);

        for (const headers of [{}, { Authorization: 'Bearer ugs_wrong' }] as Record<string, string>[]) {
          const refused = await fetch(`${baseUrl}/ServiceProviderConfig`, { headers });
          expect(refused.status).toBe(401);
          expect((await refused.json()).schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
        }
      } finally {
        expect(await stop(first)).toBe(0);
      }
      expect(first.lines).toContain('Stopping (SIGTERM)');

      const second = await start(dataDir);
      try {
        expect(second.value('SCIM token')).toBe('(unchanged; set SCIM_BEARER_TOKEN to replace it)');
        expect(second.value('SCIM base URL').replace(/:\d+\//, ':PORT/')).toBe(first.value('SCIM base URL').replace(/:\d+\//, ':PORT/'));
      } finally {
        await stop(second);
      }
    },
    2 * START_TIMEOUT_MS,
  );

  it(
    'says so when SCIM_BEARER_TOKEN is too short to be safe, and still uses it',
    async () => {
      const started = await start(dataDir, { SCIM_BEARER_TOKEN: 'abc' });
      try {
        expect(started.value('SCIM token')).toBe('abc');
        expect(started.value('Warning')).toBe(
          'SCIM_BEARER_TOKEN has 3 characters: anyone who guesses it can provision users. Use at least 32 random characters (e.g. openssl rand -base64 32).',
        );
      } finally {
        await stop(started);
      }
    },
    START_TIMEOUT_MS,
  );
});
