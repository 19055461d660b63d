// What view.getContext() answers in the local preview, and what the injected invoke receives as the
// resolver context: a site admin on a jira:adminPage, like the page's real module.

export interface AdminPreviewContext {
  accountId: string;
  cloudId: string;
  siteUrl: string;
  moduleKey: string;
  localId: string;
  locale: string;
  timezone: string;
  environmentType: 'DEVELOPMENT';
  environmentId: string;
  extension: { type: 'jira:adminPage' } & Record<string, unknown>;
}

export function localAdminContext(overrides: Partial<AdminPreviewContext> = {}): AdminPreviewContext {
  return {
    accountId: 'local-admin',
    cloudId: 'local-cloud',
    siteUrl: 'http://127.0.0.1',
    moduleKey: 'admin-page',
    localId: 'local-admin-page',
    locale: 'en-US',
    timezone: 'UTC',
    environmentType: 'DEVELOPMENT',
    environmentId: 'local',
    extension: { type: 'jira:adminPage' },
    ...overrides,
  };
}
