import { asUser, NeedsAuthenticationError, route } from '@forge/api';
import { z } from 'zod';

const permissionsSchema = z.object({
  permissions: z.object({ ADMINISTER: z.object({ havePermission: z.boolean() }) }),
});

/**
 * Whether the calling user holds Jira's Administer global permission (site and Jira admins do), asked as that
 * user once per invocation (build one check per invocation). Any failure counts as "no", except that Forge's
 * NeedsAuthenticationError is rethrown: it is how Forge knows to ask the user to allow access.
 */
export function createForgeAdminCheck(): () => Promise<boolean> {
  let answer: Promise<boolean> | undefined;
  return () => (answer ??= askJira());
}

async function askJira(): Promise<boolean> {
  try {
    const response = await asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`, { headers: { Accept: 'application/json' } });
    if (!response.ok) return false;
    const parsed = permissionsSchema.safeParse(await response.json());
    return parsed.success && parsed.data.permissions.ADMINISTER.havePermission;
  } catch (error) {
    if (error instanceof NeedsAuthenticationError) throw error;
    return false;
  }
}
