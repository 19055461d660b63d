import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { webTriggerRequest } from '../../../test/kit/webtrigger-request';
import type { AdminPreviewBundle } from './build';
import type { AdminPreviewContext } from './preview-context';
import { serveAdminPreview, type ServeAdminPreviewOptions } from './serve';

const bundle: AdminPreviewBundle = { appJs: 'app();', hostJs: 'host();' };
const json = { 'Content-Type': 'application/json', Host: '127.0.0.1:8080' };

function route(overrides: Partial<ServeAdminPreviewOptions> = {}) {
  const build = jest.fn(async () => bundle);
  const invoke = jest.fn(async (functionKey: string, payload: unknown, context: AdminPreviewContext) => ({
    functionKey,
    payload,
    accountId: context.accountId,
  }));
  return { serve: serveAdminPreview({ build, invoke, ...overrides }), build, invoke };
}

const post = (body: unknown, headers: Record<string, string> = json) =>
  webTriggerRequest({ method: 'POST', path: '/admin/api/invoke', body: typeof body === 'string' ? body : JSON.stringify(body), headers });

describe('serveAdminPreview', () => {
  it('builds on the first GET /admin, once, and serves the page and both bundles', async () => {
    const { serve, build } = route({ context: { accountId: 'admin-7' } });
    expect(build).not.toHaveBeenCalled();

    const page = await serve(webTriggerRequest({ path: '/admin' }));
    expect(page?.statusCode).toBe(200);
    expect(page?.headers?.['Content-Type']).toEqual(['text/html; charset=utf-8']);
    expect(page?.body).toContain('<script src="/admin/host.js"></script>\n<script src="/admin/app.js"></script>');
    expect(page?.body).toContain('"accountId":"admin-7"');

    expect((await serve(webTriggerRequest({ path: '/admin/app.js' })))?.body).toBe('app();');
    expect((await serve(webTriggerRequest({ path: '/admin/host.js' })))?.body).toBe('host();');
    expect((await serve(webTriggerRequest({ path: '/admin/' })))?.statusCode).toBe(200);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('links and serves the stylesheet and icon from the static/ folder', async () => {
    const { serve } = route();
    const page = (await serve(webTriggerRequest({ path: '/admin' })))?.body;
    expect(page).toContain('<link rel="icon" href="/admin/static/icon.svg">');
    expect(page).toContain('<link rel="stylesheet" href="/admin/static/preview.css">');
    const css = await serve(webTriggerRequest({ path: '/admin/static/preview.css' }));
    expect(css?.headers?.['Content-Type']).toEqual(['text/css; charset=utf-8']);
    expect(css?.body).toBe(readFileSync(join(__dirname, '../../../static/preview.css'), 'utf8'));
    const icon = await serve(webTriggerRequest({ path: '/admin/static/icon.svg' }));
    expect(icon?.headers?.['Content-Type']).toEqual(['image/svg+xml']);
    expect(icon?.body).toMatch(/^<svg /);
    expect(await serve(webTriggerRequest({ path: '/admin/static/../../package.json' }))).toBeUndefined();
  });

  it('starts the build at once with buildNow', () => {
    const { build } = route({ buildNow: true });
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('shows a failed build on the page and builds again on the next request', async () => {
    const build = jest.fn().mockRejectedValueOnce(new Error('App.tsx(3,1): Unexpected <token>')).mockResolvedValue(bundle);
    const { serve } = route({ build });
    const failed = await serve(webTriggerRequest({ path: '/admin' }));
    expect(failed?.statusCode).toBe(500);
    expect(failed?.body).toContain('Unexpected &lt;token&gt;');
    expect((await serve(webTriggerRequest({ path: '/admin' })))?.statusCode).toBe(200);
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('runs the resolver with the admin context and answers its result or its error as data', async () => {
    const { serve, invoke } = route();
    const ok = await serve(post({ functionKey: 'getConnection', payload: { id: 'c1' } }));
    expect(ok?.statusCode).toBe(200);
    expect(JSON.parse(ok?.body ?? '')).toEqual({
      ok: true,
      result: { functionKey: 'getConnection', payload: { id: 'c1' }, accountId: 'local-admin' },
    });
    expect(invoke.mock.calls[0][2]).toMatchObject({ moduleKey: 'admin-page', extension: { type: 'jira:adminPage' } });

    invoke.mockRejectedValueOnce(new Error('Connection not found'));
    expect(JSON.parse((await serve(post({ functionKey: 'getConnection' })))?.body ?? '')).toEqual({ ok: false, error: 'Connection not found' });

    invoke.mockResolvedValueOnce({ big: 1n } as never);
    expect(JSON.parse((await serve(post({ functionKey: 'big' })))?.body ?? '')).toEqual({
      ok: false,
      error: expect.stringContaining('cannot be sent as JSON'),
    });
  });

  it('refuses malformed, non-JSON and cross-origin invocations and wrong methods', async () => {
    const { serve, invoke } = route();
    expect((await serve(post('{"payload": 1}')))?.statusCode).toBe(400);
    expect((await serve(post('not json')))?.statusCode).toBe(400);
    expect((await serve(post({ functionKey: 'x' }, { 'Content-Type': 'text/plain', Host: '127.0.0.1:8080' })))?.statusCode).toBe(415);
    expect((await serve(post({ functionKey: 'x' }, { ...json, Origin: 'https://evil.example' })))?.statusCode).toBe(403);
    expect((await serve(post({ functionKey: 'x' }, { ...json, Origin: 'http://127.0.0.1:8080' })))?.statusCode).toBe(200);
    expect((await serve(webTriggerRequest({ path: '/admin/api/invoke' })))?.statusCode).toBe(405);
    expect((await serve(webTriggerRequest({ method: 'POST', path: '/admin' })))?.statusCode).toBe(405);
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  it('answers invocations only for a loopback Host or the listen address, with a matching Origin (DNS rebinding)', async () => {
    const { serve, invoke } = route({ listenHost: '192.168.1.5' });
    const invokeWith = async (headers: Record<string, string>) =>
      (await serve(post({ functionKey: 'x' }, { 'Content-Type': 'application/json', ...headers })))?.statusCode;
    expect(await invokeWith({ Host: 'evil.example:8080', Origin: 'http://evil.example:8080' })).toBe(403);
    expect(await invokeWith({ Host: 'evil.example:8080' })).toBe(403);
    expect(await invokeWith({ Host: '127.0.0.1.evil.example:8080', Origin: 'http://127.0.0.1.evil.example:8080' })).toBe(403);
    expect(await invokeWith({})).toBe(403);
    expect(invoke).not.toHaveBeenCalled();
    expect(await invokeWith({ Host: 'localhost:8080', Origin: 'http://localhost:8080' })).toBe(200);
    expect(await invokeWith({ Host: '[::1]:8080', Origin: 'http://[::1]:8080' })).toBe(200);
    expect(await invokeWith({ Host: '192.168.1.5:8080', Origin: 'http://192.168.1.5:8080' })).toBe(200);
    expect(await invokeWith({ Host: '192.168.1.5:8080', Origin: 'http://localhost:8080' })).toBe(403);
  });

  it('leaves other paths to the other routes', async () => {
    const { serve } = route();
    expect(await serve(webTriggerRequest({ path: '/sandbox/users' }))).toBeUndefined();
    expect(await serve(webTriggerRequest({ path: '/admin/other.js' }))).toBeUndefined();
  });
});
