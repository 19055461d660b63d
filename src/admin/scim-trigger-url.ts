import type { Store } from '../platform/ports';
import { sharedKeys } from '../storage/keys';
import { AdminError } from './result';

/**
 * One set of SCIM URLs for the Jira and the Confluence page. Forge gives a web trigger's URL per Atlassian app
 * context, so the Confluence page could get another one than the Jira page, whose URLs the IdPs were given: the
 * Jira page looks the URL up and stores it, and the Confluence page shows the stored one (never asking itself).
 */
export async function sharedTriggerUrl(store: Store, product: 'jira' | 'confluence', lookUp: () => Promise<string>): Promise<string> {
  const stored = await store.get<string>(sharedKeys.scimTriggerUrl);
  if (product === 'confluence') {
    if (stored) return stored.value;
    throw new AdminError(
      'notFound',
      'The SCIM URLs are those of the Jira installation: open User & Group Sync once from Jira settings (Apps), and they show here too.',
    );
  }
  const url = await lookUp();
  if (stored?.value !== url) await store.set(sharedKeys.scimTriggerUrl, url);
  return url;
}
