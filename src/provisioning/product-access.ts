// Atlassian Cloud gives Jira and Confluence access through membership of product access groups (the groups the
// site's product access settings name); no API takes a product list except Jira's legacy user endpoint, which a
// Forge app and an org or directory key cannot use. So the app grants the targeted products to the accounts it
// creates by adding them to those groups, through whichever credential may add members to site groups. Bitbucket
// access is per workspace (its groups), so creating an account grants none.
import type { ActivityEntry } from '../records/activity-log';
import { clearPendingGrants } from './account-registry';
import type { Product } from './options';
import { activity, findGroup, type ProvisioningDeps } from './provisioning-deps';

export const PRODUCT_ACCESS_GROUPS: Partial<Record<Product, string>> = {
  jira: 'jira-software-users',
  confluence: 'confluence-users',
};

/** The products a new account can be granted on the site. */
export function grantable(products: Product[]): Product[] {
  return products.filter((product) => PRODUCT_ACCESS_GROUPS[product] !== undefined);
}

/**
 * Grants the products targeted when the app created the account, and nothing else. They stay pending in the
 * account's registration until granted, so a job retried after an outage finishes them. An access group the
 * credentials cannot see is a permanent failure: recorded in the activity log once and returned for the user's status.
 */
export async function finishProductGrants(
  env: ProvisioningDeps,
  subject: ActivityEntry['subject'],
  accountId: string,
  products: Product[],
): Promise<string | undefined> {
  const missing: Product[] = [];
  for (const product of products) {
    const group = await findGroup(env, PRODUCT_ACCESS_GROUPS[product] ?? '');
    if (group) await env.target.addMember(group.groupId, { accountId });
    else missing.push(product);
  }
  await clearPendingGrants(env.platform.store, accountId);
  const granted = products.filter((product) => !missing.includes(product));
  const reason = 'a product target when the app created the account';
  if (granted.length > 0) await activity(env, subject, describe(granted), 'applied', reason);
  if (missing.length === 0) return undefined;
  const groups = missing.map((product) => PRODUCT_ACCESS_GROUPS[product]).join(', ');
  const failure =
    `the product access group(s) ${groups} could not be found with the configured credentials (a directory API key ` +
    "sees only its own directory's groups): add a site admin's API token or an org API key, or grant access in Atlassian Administration";
  await activity(env, subject, describe(missing), 'failed', failure);
  return failure;
}

function describe(products: Product[]): string {
  return `grant product access (${products.join(', ')})`;
}
