/** What the transfer-order activities reach the outside world through (built once by the worker). */
import type { HubLogger } from '../../monitoring/logger';
import type { ConnectorRuntime } from '../../platform/connector-runtime';
import type { EventProducer } from '../../platform/kafka';
import type { StockLedger } from '../../platform/orders/stock-types';
import type { TransferView } from '../../workflows/transfer-order/types';

/** The ports of the transfer-order activities. */
export interface TransferActivityDeps {
  runtime: Pick<ConnectorRuntime, 'instance' | 'writeContext'>;
  ledger: Pick<StockLedger, 'reserve' | 'release' | 'applyMovement'>;
  transfers: { save(view: TransferView): Promise<unknown> };
  producer: Pick<EventProducer, 'send'>;
  /** The movement topic; `hub.inventory-movements.v1` unless a test gives one of its own. */
  movementTopic?: string;
  logger: HubLogger;
}
