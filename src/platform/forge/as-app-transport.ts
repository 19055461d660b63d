import { asApp, assumeTrustedRoute } from '@forge/api';
import type { HttpRequest, HttpResponse, HttpTransport } from '../ports';

/**
 * The site's REST APIs as the app itself: Forge signs the request (asApp) and picks the site, so only the path
 * and query of the URL are used. Confluence paths (/wiki/...) go through requestConfluence.
 */
export const asAppTransport: HttpTransport = {
  async send(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    const path = assumeTrustedRoute(`${url.pathname}${url.search}`);
    const app = asApp();
    const call = url.pathname.startsWith('/wiki/') ? app.requestConfluence : app.requestJira;
    const response = await call(path, { method: request.method, headers: request.headers, body: request.body });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body: await response.text() };
  },
};
