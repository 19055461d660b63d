// What Jira and Confluence (one site, one credential) answer when something fails, and what to tell the admin.
import { z } from 'zod';
import { basicAuth, type ApiEndpoint, type ApiFamily } from './api-caller';
import type { HttpClient } from '../../platform/http-client';

/** How site calls authenticate: a user's email + API token, a bearer token, or nothing (the transport signs, as asApp does). */
export type SiteAuth = { email: string; apiToken: string } | { bearer: string } | undefined;

export interface SiteConnection {
  http: HttpClient;
  /** https://{site}.atlassian.net */
  siteUrl: string;
  auth?: SiteAuth;
}

/** For group and membership writes, which Jira and Confluence allow site admins only. */
export const GROUP_WRITE_HINTS = {
  forbidden:
    'the credential is not a site admin. Only members of site-admins may create or delete groups and change group ' +
    "memberships; use a site admin's API token, or add a directory or org API key under Atlassian credentials.",
};

const jiraErrorBody = z.object({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.string()).optional(),
});
const confluenceErrorBody = z.object({ message: z.string() });

export function siteFamily(product: 'Jira' | 'Confluence', auth: SiteAuth): ApiFamily {
  return {
    name: product,
    credential: auth && 'email' in auth ? 'the site API token' : 'the app (asApp)',
    upstreamMessage: readSiteError,
  };
}

export function siteEndpoint(connection: SiteConnection): ApiEndpoint {
  const auth = connection.auth;
  const headers: Record<string, string> = {};
  if (auth && 'email' in auth) headers.authorization = basicAuth(auth.email, auth.apiToken);
  else if (auth) headers.authorization = `Bearer ${auth.bearer}`;
  return { http: connection.http, baseUrl: connection.siteUrl, headers };
}

function readSiteError(body: unknown): string | undefined {
  const jira = jiraErrorBody.safeParse(body);
  if (jira.success) {
    const messages = [...(jira.data.errorMessages ?? []), ...Object.values(jira.data.errors ?? {})];
    if (messages.length > 0) return messages.join(' ');
  }
  const confluence = confluenceErrorBody.safeParse(body);
  return confluence.success ? confluence.data.message : undefined;
}
