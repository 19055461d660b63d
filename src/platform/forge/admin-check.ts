import { asUser, NeedsAuthenticationError, route, type APIResponse } from '@forge/api';
import { z } from 'zod';

/** The Atlassian app whose admin page called: its own administrators may use it. */
export type AdminProduct = 'jira' | 'confluence';

const jiraPermissions = z.object({
  permissions: z.object({ ADMINISTER: z.object({ havePermission: z.boolean() }) }),
});

const confluenceUser = z.object({
  operations: z.array(z.object({ operation: z.string(), targetType: z.string() })),
});

/**
 * Whether the calling user administers the product whose page called, asked as that user once per invocation
 * (build one check per invocation): on the Jira page, Jira's Administer global permission (site and Jira admins
 * hold it); on the Confluence page, Confluence's own administer operation on the application (site and Confluence
 * admins). Any failure counts as "no", except that Forge's NeedsAuthenticationError is rethrown: it is how Forge
 * knows to ask the user to allow access.
 */
export function createForgeAdminCheck(product: AdminProduct = 'jira'): () => Promise<boolean> {
  let answer: Promise<boolean> | undefined;
  return () => (answer ??= product === 'jira' ? askJira() : askConfluence());
}

async function askJira(): Promise<boolean> {
  return ask(
    () => asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`, { headers: { Accept: 'application/json' } }),
    (body) => {
      const parsed = jiraPermissions.safeParse(body);
      return parsed.success && parsed.data.permissions.ADMINISTER.havePermission;
    },
  );
}

async function askConfluence(): Promise<boolean> {
  return ask(
    () => asUser().requestConfluence(route`/wiki/rest/api/user/current?expand=operations`, { headers: { Accept: 'application/json' } }),
    (body) => {
      const parsed = confluenceUser.safeParse(body);
      return parsed.success && parsed.data.operations.some((op) => op.operation === 'administer' && op.targetType === 'application');
    },
  );
}

async function ask(request: () => Promise<APIResponse>, grants: (body: unknown) => boolean): Promise<boolean> {
  try {
    const response = await request();
    if (!response.ok) return false;
    return grants(await response.json());
  } catch (error) {
    if (error instanceof NeedsAuthenticationError) throw error;
    return false;
  }
}
