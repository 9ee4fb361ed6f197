/**
 * TEST SUPPORT ONLY. The canonical fixtures as the hub would send them: the ack and the ASN fixtures are inbound
 * (a supplier's), so their outbound variants answer and ship to our customer instead.
 */
import type {
  AdvanceShipNotice,
  Invoice,
  PurchaseOrder,
  PurchaseOrderAck,
  WarehouseShippingOrder,
} from '../../../../canonical-model/generated/index';
import { loadFixture } from '../../../../canonical-model/fixtures/load-fixture';

/** Our PO to a supplier. */
export function purchaseOrder(): PurchaseOrder {
  return loadFixture('purchase-order');
}

/** Our acknowledgement of a customer's PO. */
export function outboundAck(): PurchaseOrderAck {
  const ack = loadFixture('purchase-order-ack');
  return {
    ...ack,
    direction: 'outbound',
    supplierId: 'le_acme_us',
    customerId: 'cus_bigbox_retail',
    salesOrderId: 'so_01HV4M2X9K',
  };
}

/** Our ship notice to a customer. */
export function outboundAsn(): AdvanceShipNotice {
  const asn: AdvanceShipNotice = {
    ...loadFixture('advance-ship-notice'),
    direction: 'outbound',
    customerId: 'cus_bigbox_retail',
  };
  delete asn.supplierId;
  return asn;
}

/** Our pick-pack ship notice (X12 S/O/I): the fixture's items shipped loose, in no labelled pack. */
export function outboundPickPackAsn(): AdvanceShipNotice {
  const asn = outboundAsn();
  for (const order of asn.orders) {
    order.items = (order.packs ?? []).flatMap((pack) => pack.items);
    delete order.packs;
  }
  return asn;
}

/** Our invoice to a customer. */
export function arInvoice(): Invoice {
  return loadFixture('invoice');
}

/** Our shipping order to a 3PL. */
export function shippingOrder(): WarehouseShippingOrder {
  return loadFixture('warehouse-shipping-order');
}
