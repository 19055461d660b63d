import { handleProvisioningJob } from '../provisioning/worker-handler';
import { forgeConsumer } from './forge-consumer';

/** The `provisioning-consumer` on the `provisioning-jobs` queue. */
export const provisioningConsumer = forgeConsumer(handleProvisioningJob);
