import type { TransactionIndex } from '../../platform/transactions/index';
import { pathParam, queryParam } from '../params';
import type { Handlers } from '../router';

/** Finds business transactions by any number and shows one as a single record with its timeline. */
export function transactionHandlers(deps: { transactions: TransactionIndex }): Handlers {
  return {
    searchTransactions: async (req, res) => {
      const limit = queryParam(req, 'limit');
      const items = await deps.transactions.search(
        queryParam(req, 'q') ?? '',
        limit ? Number(limit) : undefined,
      );
      res.json({ items });
    },

    getTransaction: async (req, res) => {
      res.json(await deps.transactions.get(pathParam(req, 'id')));
    },
  };
}
