import type { Scenario } from '../scenario';
import { scimCreateUser } from './scim-create-user';
import { scimFindUser } from './scim-find-user';
import { storeSetGetQuery } from './store-set-get-query';

/** Every scenario, in the order the table lists them. Add a new one here. */
export const scenarios: Scenario[] = [storeSetGetQuery, scimCreateUser, scimFindUser];
