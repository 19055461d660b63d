import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { header, type WebTriggerRequest, type WebTriggerResponse } from '../../platform/webtrigger';
import type { LocalRoute } from '../http-server';
import type { AdminPreviewBundle } from './build';
import { adminPreviewHtml } from './html-shell';
import { INVOKE_PATH, type InvokeOutcome } from './invoke-protocol';
import { localAdminContext, type AdminPreviewContext } from './preview-context';

/** Runs the resolver function `functionKey` as Forge would for the admin page, with this resolver context. */
export type AdminInvoke = (functionKey: string, payload: unknown, context: AdminPreviewContext) => Promise<unknown>;

export interface ServeAdminPreviewOptions {
  /** Produces the bundles. Called once, on the first GET /admin (or at once with buildNow); retried after a failure. */
  build: () => Promise<AdminPreviewBundle>;
  invoke: AdminInvoke;
  context?: Partial<AdminPreviewContext>;
  /** Shown in the preview's title bar. */
  title?: string;
  /** Build in the background now instead of on the first GET /admin. */
  buildNow?: boolean;
  /** The address the server was told to listen on: accepted as Host besides the loopback names. */
  listenHost?: string;
}

const invokeRequestSchema = z.object({ functionKey: z.string().min(1), payload: z.unknown().optional() });

const NO_STORE = { 'Cache-Control': ['no-store'] };

/** The app's static assets (the repository's static/ folder) the preview uses, served under /admin/static/. */
const STATIC_DIR = join(__dirname, '../../../static');
const STATIC_TYPES: Record<string, string> = { 'preview.css': 'text/css; charset=utf-8', 'icon.svg': 'image/svg+xml' };

/**
 * The local server's /admin routes: GET /admin (the page), /admin/host.js, /admin/app.js, the stylesheet and
 * icon from static/ (/admin/static/preview.css, /admin/static/icon.svg), and POST /admin/api/invoke, which answers `{ ok: true, result }` or `{ ok: false, error }` (a resolver's error
 * is data, not an HTTP failure). Anything else is left to the other routes.
 */
export function serveAdminPreview(options: ServeAdminPreviewOptions): LocalRoute {
  const context = localAdminContext(options.context);
  let building: Promise<AdminPreviewBundle> | undefined;
  const bundle = () =>
    (building ??= options.build().catch((error: unknown) => {
      building = undefined;
      throw error;
    }));
  if (options.buildNow) bundle().catch(() => undefined);

  return async (request: WebTriggerRequest): Promise<WebTriggerResponse | undefined> => {
    const path = request.path.replace(/\/+$/, '') || '/';
    switch (path) {
      case '/admin':
        if (request.method !== 'GET') return methodNotAllowed('GET');
        try {
          await bundle();
        } catch (error) {
          return text(500, 'text/html; charset=utf-8', buildFailedHtml(error));
        }
        return text(200, 'text/html; charset=utf-8', adminPreviewHtml(options.title ?? 'User & Group Sync', context));
      case '/admin/host.js':
      case '/admin/app.js': {
        if (request.method !== 'GET') return methodNotAllowed('GET');
        try {
          const { appJs, hostJs } = await bundle();
          return text(200, 'text/javascript; charset=utf-8', path === '/admin/app.js' ? appJs : hostJs);
        } catch (error) {
          return text(500, 'text/plain; charset=utf-8', error instanceof Error ? error.message : String(error));
        }
      }
      case INVOKE_PATH:
        if (request.method !== 'POST') return methodNotAllowed('POST');
        return invoke(options.invoke, context, request, options.listenHost);
      case '/admin/static/preview.css':
      case '/admin/static/icon.svg': {
        if (request.method !== 'GET') return methodNotAllowed('GET');
        const name = path.slice('/admin/static/'.length);
        return text(200, STATIC_TYPES[name], await readFile(join(STATIC_DIR, name), 'utf8'));
      }
      default:
        return undefined;
    }
  };
}

async function invoke(
  run: AdminInvoke,
  context: AdminPreviewContext,
  request: WebTriggerRequest,
  listenHost: string | undefined,
): Promise<WebTriggerResponse> {
  // A JSON content type makes cross-site pages preflight (and fail); the Origin check covers the rest, so
  // another site open in the same browser cannot drive the resolvers.
  if (!(header(request, 'content-type') ?? '').toLowerCase().startsWith('application/json')) {
    return text(415, 'text/plain', 'Send the invocation as application/json');
  }
  // A page on another site that re-points its own name at 127.0.0.1 (DNS rebinding) sends its own name as Host and
  // Origin, which agree: so the Host must be a loopback name or the address the server listens on, too.
  const host = header(request, 'host');
  if (host === undefined || !servedHost(host, listenHost))
    return text(403, 'text/plain', 'Invocations are answered only for a loopback Host (or the address the server listens on)');
  const origin = header(request, 'origin');
  if (origin !== undefined && originHost(origin) !== host) return text(403, 'text/plain', 'Cross-origin invocations are refused');
  let parsed: z.infer<typeof invokeRequestSchema>;
  try {
    parsed = invokeRequestSchema.parse(JSON.parse(request.body ?? ''));
  } catch {
    return text(400, 'text/plain', 'Send {"functionKey": string, "payload"?: object}');
  }
  let outcome: InvokeOutcome;
  try {
    outcome = { ok: true, result: await run(parsed.functionKey, parsed.payload, structuredClone(context)) };
  } catch (error) {
    outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  let body: string;
  try {
    body = JSON.stringify(outcome);
  } catch (error) {
    body = JSON.stringify({
      ok: false,
      error: `the resolver's result cannot be sent as JSON: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return text(200, 'application/json; charset=utf-8', body);
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

function servedHost(host: string, listenHost: string | undefined): boolean {
  const hostname = hostnameOf(host);
  const listening = listenHost === undefined ? undefined : hostnameOf(listenHost.includes(':') ? `[${listenHost}]` : listenHost);
  return hostname !== undefined && (LOOPBACK_NAMES.includes(hostname) || hostname === listening);
}

function hostnameOf(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function text(statusCode: number, contentType: string, body: string): WebTriggerResponse {
  return { statusCode, headers: { 'Content-Type': [contentType], ...NO_STORE }, body };
}

function methodNotAllowed(allowed: string): WebTriggerResponse {
  return { statusCode: 405, headers: { Allow: [allowed], 'Content-Type': ['text/plain'] }, body: `Use ${allowed}` };
}

function buildFailedHtml(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(
    /[&<>]/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[char] ?? char,
  );
  return `<!doctype html><meta charset="utf-8"><title>Admin preview build failed</title><h1>The admin page could not be built</h1><p>Fix the error and reload.</p><pre>${message}</pre>`;
}
