import { handlePullPage } from '../sync/pull-page-handler';
import { forgeConsumer } from './forge-consumer';

/** The `pull-sync-consumer` on the `pull-sync-pages` queue. */
export const pullSyncConsumer = forgeConsumer(handlePullPage);
