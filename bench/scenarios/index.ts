import type { Scenario } from '../scenario';
import { initialLoad, provisionMembership, provisionUser } from './provisioning';
import { pullDeltaRun, pullFullRun } from './pull-full-run';
import { driftCheck, reevaluateAfterOptions } from './reevaluation';
import { scimAddMemberLargeGroup } from './scim-add-member-large-group';
import { scimCreateUser } from './scim-create-user';
import { scimFindUser } from './scim-find-user';
import { scimGetUserById } from './scim-get-user-by-id';
import { scimListPage } from './scim-list-page';
import { scimMemory100k } from './scim-memory-100k';
import { scimMixedOktaEntra } from './scim-mixed-okta-entra';
import { storeSetGetQuery } from './store-set-get-query';

/** Every scenario, in the order the table lists them. Add a new one here. */
export const scenarios: Scenario[] = [
  storeSetGetQuery,
  scimCreateUser,
  scimFindUser,
  scimGetUserById,
  scimAddMemberLargeGroup,
  scimListPage,
  scimMixedOktaEntra,
  scimMemory100k,
  pullFullRun,
  pullDeltaRun,
  provisionUser,
  provisionMembership,
  initialLoad,
  reevaluateAfterOptions,
  driftCheck,
];
