/** The customer-return activities, bound to their ports (the worker registers them beside the order activities). */
import type { ErpPort } from '../../connectors/sdk/ports/erp';
import type { WmsPort } from '../../connectors/sdk/ports/wms';
import type { ConnectorRuntime } from '../../platform/connector-runtime';
import type { StockLedger } from '../../platform/orders/stock-types';
import type { ReturnView } from '../../workflows/order-return/types';
import { buildCreditMemo } from './credit-memo';
import type { ReturnActivities } from './types';

/** What the return activities reach the outside world through. */
export interface ReturnActivityDeps {
  runtime: ConnectorRuntime;
  ledger: Pick<StockLedger, 'receive'>;
  returns: { save(view: ReturnView): Promise<unknown> };
}

/** Builds every return activity. */
export function createReturnActivities(deps: ReturnActivityDeps): ReturnActivities {
  return {
    async createExpectedReturn(args) {
      const wms = await deps.runtime.instance<WmsPort>(args.wmsConnectorId, 'wms');
      return wms.createExpectedReturn(
        args.document,
        deps.runtime.writeContext(args.wmsConnectorId, args.idempotencyKey),
      );
    },
    async restockReturn(args) {
      for (const line of args.lines) {
        await deps.ledger.receive({
          opId: line.opId,
          sku: line.sku,
          locationId: args.locationId,
          quantity: line.quantity,
        });
      }
    },
    async postCreditMemo(args) {
      const memo = buildCreditMemo({
        ...args,
        connectorId: args.erpConnectorId,
        date: new Date().toISOString().slice(0, 10),
      });
      const erp = await deps.runtime.instance<ErpPort>(args.erpConnectorId, 'erp');
      const result = await erp.postInvoice(
        memo,
        deps.runtime.writeContext(args.erpConnectorId, `invoice/${memo.id}`),
      );
      await deps.runtime.link(args.erpConnectorId, 'credit-memo', result.externalId, memo.id);
      return result;
    },
    async saveReturnView(view) {
      await deps.returns.save(view);
    },
  };
}
