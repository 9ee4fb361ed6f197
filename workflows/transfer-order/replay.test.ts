/**
 * Recorded transfer-order histories (recorded by activities/transfer-order/transfer-order.test.ts with
 * HUB_RECORD_HISTORIES=1), replayed against the current code before a change can break a transfer on the road.
 */
import { describeHistoryReplay } from '../../test/support/replay-histories';
import { TRANSFER_ORDER_WORKFLOW } from './messages';

describeHistoryReplay({
  title: 'transfer-order determinism: recorded histories replay against the current code',
  testFileUrl: import.meta.url,
  workflowType: TRANSFER_ORDER_WORKFLOW,
  expectedFiles: ['cancelled.json', 'closed-short.json', 'closed.json', 'rejected.json'],
});
