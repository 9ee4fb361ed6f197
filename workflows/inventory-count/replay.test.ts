/**
 * Recorded cycle-count approval histories (histories/README.md), replayed against the current code before a change
 * can break a count that has been waiting for a person for days.
 */
import { describeHistoryReplay } from '../../test/support/replay-histories';
import { CYCLE_COUNT_APPROVAL_WORKFLOW } from './messages';

describeHistoryReplay({
  title: 'cycle-count approval determinism: recorded histories replay against the current code',
  testFileUrl: import.meta.url,
  workflowType: CYCLE_COUNT_APPROVAL_WORKFLOW,
  expectedFiles: ['approved-posted.json', 'rejected.json'],
});
