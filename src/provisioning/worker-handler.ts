import type { Platform, QueueHandlerResult, QueueMessage } from '../platform/ports';

// PLACEHOLDER: the provisioning worker (reconcile one directory record with the Atlassian site) replaces the body.

/** One message of the `provisioning-jobs` queue. */
export async function handleProvisioningJob(platform: Platform, message: QueueMessage): Promise<QueueHandlerResult> {
  platform.log.info('provisioning.job_received', { eventId: message.eventId, retryCount: message.retryCount });
}
