/** The order-to-cash activities, bound to their ports (the worker registers them beside the core activities). */
import { createCommerceFulfillment, sendCustomerEdi } from './channel';
import type { OrderActivityDeps } from './deps';
import type { OrderActivities } from './types';
import { escalateOrder, raiseReplenishment, saveOrderView } from './bookkeeping';
import {
  cancelWarehouseRelease,
  invoiceShipment,
  recordErpOrder,
  releaseToWarehouse,
} from './erp-and-warehouse';
import { allocateStock, consumeReservations, releaseReservations } from './stock';
import { validateOrder } from './validate-order';

/** Builds every order-to-cash activity. */
export function createOrderActivities(deps: OrderActivityDeps): OrderActivities {
  return {
    validateOrder: validateOrder(deps),
    recordErpOrder: recordErpOrder(deps),
    allocateStock: allocateStock(deps),
    releaseReservations: releaseReservations(deps),
    consumeReservations: consumeReservations(deps),
    releaseToWarehouse: releaseToWarehouse(deps),
    cancelWarehouseRelease: cancelWarehouseRelease(deps),
    invoiceShipment: invoiceShipment(deps),
    createCommerceFulfillment: createCommerceFulfillment(deps),
    sendCustomerEdi: sendCustomerEdi(deps),
    saveOrderView: saveOrderView(deps),
    raiseReplenishment: raiseReplenishment(deps),
    escalateOrder: escalateOrder(deps),
  };
}
