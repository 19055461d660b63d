export { pullSyncConsumer } from './entry/pull-sync-consumer';
export { provisioningConsumer } from './entry/provisioning-consumer';
export { resolver } from './entry/resolver';
export { scheduledSweep } from './entry/scheduled-sweep';
export { scimTrigger } from './entry/scim-trigger';
