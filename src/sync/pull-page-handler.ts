import type { Platform, QueueHandlerResult, QueueMessage } from '../platform/ports';

// PLACEHOLDER: REST pull (fetch and store one page of users or groups from an IdP) replaces the body.

/** One message of the `pull-sync-pages` queue. */
export async function handlePullPage(platform: Platform, message: QueueMessage): Promise<QueueHandlerResult> {
  platform.log.info('pull.page_received', { eventId: message.eventId, retryCount: message.retryCount });
}
