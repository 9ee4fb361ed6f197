/* eslint-disable @typescript-eslint/require-await -- in-memory fakes of async activities */
/**
 * A small in-memory world for procure-to-receive workflow tests: the activities the replenishment and PO workflows
 * proxy, recording every call, over toy stores of PO numbers, signal claims, inbound supply, stock, ERP documents
 * and saved views — so tests assert outcomes (what the ERP holds, what ATP sees as inbound) and compensations.
 */
import { addDecimal } from '../../canonical-model/decimal';
import type { Invoice, PurchaseOrder } from '../../canonical-model/generated/index';
import type { BillPayment, PurchaseActivities, SupplyLine } from '../../activities/procure-to-receive/types';
import type { PurchaseOrderView } from '../../workflows/procure-to-receive/types';

/** One recorded activity call. */
export interface Call {
  name: string;
  args: unknown;
}

/** The world's state and its activities. */
export interface PurchaseWorld {
  /** Unique to the world: in its PO numbers, and in the ids of the workflows a test starts in it. */
  prefix: string;
  activities: PurchaseActivities & Record<string, (...args: never[]) => Promise<unknown>>;
  calls: Call[];
  /** PO numbers drawn, by proposal id. */
  poNumbers: Map<string, string>;
  /** Which proposal claimed each signal. */
  claims: Map<string, string>;
  /** Inbound supply by id, with its state. */
  supply: Map<string, SupplyLine & { status: 'open' | 'received' | 'cancelled' }>;
  /** Units in stock per `location|sku` (decimal strings). */
  stock: Map<string, string>;
  position: { onHand: string; reserved: string; inbound: string };
  erpOrders: Map<string, PurchaseOrder>;
  bills: Map<string, Invoice>;
  /**
   * What the ERP answers about each bill's payment, by invoice id, in order (the last answer repeats); a bill not
   * named here reads paid in full at once.
   */
  payments: Map<string, BillPayment[]>;
  /** Every view saved, in order. */
  views: PurchaseOrderView[];
  /** Runs inside claimSignals before it answers (a test can send a signal "while the workflow is busy"). */
  onClaim?: () => Promise<void>;
  names(): string[];
  callsOf(name: string): unknown[];
  /** Open supply records (id → quantity). */
  openSupply(): Record<string, string>;
}

let worlds = 0;

/** A fresh world; PO numbers carry a prefix unique to it, so workflows of earlier tests never collide. */
export function createPurchaseWorld(): PurchaseWorld {
  worlds += 1;
  const prefix = `T${Date.now().toString(36)}${worlds}`;
  const calls: Call[] = [];
  const world: Omit<PurchaseWorld, 'activities'> = {
    prefix,
    calls,
    poNumbers: new Map(),
    claims: new Map(),
    supply: new Map(),
    stock: new Map(),
    position: { onHand: '0', reserved: '0', inbound: '0' },
    erpOrders: new Map(),
    bills: new Map(),
    payments: new Map(),
    views: [],
    names: () => calls.map((c) => c.name),
    callsOf: (name) => calls.filter((c) => c.name === name).map((c) => c.args),
    openSupply: () =>
      Object.fromEntries(
        [...world.supply.values()].filter((s) => s.status === 'open').map((s) => [s.id, s.quantity]),
      ),
  };
  const record = (name: string, args: unknown) => calls.push({ name, args: structuredClone(args) });
  const activities: PurchaseActivities = {
    nextPoNumber: async ({ proposalId }) => {
      record('nextPoNumber', { proposalId });
      const known = world.poNumbers.get(proposalId);
      if (known) return known;
      const number = `${prefix}-${world.poNumbers.size + 1}`;
      world.poNumbers.set(proposalId, number);
      return number;
    },
    claimSignals: async ({ proposalId, signalIds }) => {
      record('claimSignals', { proposalId, signalIds });
      await world.onClaim?.();
      for (const id of signalIds) if (!world.claims.has(id)) world.claims.set(id, proposalId);
      return signalIds.filter((id) => world.claims.get(id) === proposalId);
    },
    readStockPosition: async (args) => {
      record('readStockPosition', args);
      return world.position;
    },
    createErpPurchaseOrder: async ({ order }) => {
      record('createErpPurchaseOrder', { id: order.id, status: order.status, lines: order.lines.length });
      const created = !world.erpOrders.has(order.id);
      world.erpOrders.set(order.id, order);
      return { externalId: `erp-${order.id}`, documentNumber: `E${order.poNumber}`, created };
    },
    sendPurchaseOrder: async ({ order, supplier }) => {
      record('sendPurchaseOrder', {
        id: order.id,
        supplierId: supplier.supplierId,
        channel: supplier.channel.kind,
      });
      const connectorId =
        supplier.channel.kind === 'edi' ? supplier.channel.ediConnectorId : supplier.channel.connectorId;
      return {
        connectorId,
        externalId: order.poNumber,
        document: {
          direction: 'outbound',
          documentType: supplier.channel.kind === 'edi' ? '850' : 'portal-purchase-order',
          documentId: order.id,
          number: order.poNumber,
          connectorId,
          ...(supplier.channel.kind === 'edi'
            ? { control: { interchange: '000000101', group: '101', set: '0001' } }
            : {}),
          at: '2026-12-01T10:00:00Z',
        },
      };
    },
    recordInboundSupply: async ({ supplies }) => {
      record('recordInboundSupply', supplies);
      for (const s of supplies) if (!world.supply.has(s.id)) world.supply.set(s.id, { ...s, status: 'open' });
    },
    settleInboundSupply: async ({ ids, status }) => {
      record('settleInboundSupply', { ids, status });
      for (const id of ids) {
        const s = world.supply.get(id);
        if (s && s.status === 'open') s.status = status;
      }
    },
    createExpectedReceipt: async ({ asn }) => {
      record('createExpectedReceipt', {
        asnId: asn.id,
        locationId: asn.shipTo.locationId,
        poNumbers: asn.orders.map((o) => o.poNumber),
      });
      return { externalId: `wms-${asn.id}`, created: true };
    },
    postErpReceipt: async ({ receipt }) => {
      record('postErpReceipt', {
        receiptId: receipt.id,
        purchaseOrderId: receipt.purchaseOrderId,
        lines: receipt.lines.map((l) => [l.orderLineNumber, l.quantityReceived.value]),
      });
      return { externalId: `erp-${receipt.id}`, created: true };
    },
    receiveStock: async ({ receiptId, lines }) => {
      record('receiveStock', { receiptId, lines });
      for (const l of lines) {
        const key = `${l.locationId}|${l.sku}`;
        world.stock.set(key, addDecimal(world.stock.get(key) ?? '0', l.quantity));
      }
    },
    notifyStockArrived: async (args) => void record('notifyStockArrived', args),
    postVendorBill: async ({ invoice }) => {
      record('postVendorBill', {
        id: invoice.id,
        purchaseOrderId: invoice.purchaseOrderId,
        supplierId: invoice.supplierId,
        direction: invoice.direction,
      });
      const created = !world.bills.has(invoice.id);
      world.bills.set(invoice.id, invoice);
      return { externalId: `bill-${invoice.id}`, created };
    },
    updateErpPurchaseOrder: async ({ order }) => {
      record('updateErpPurchaseOrder', {
        id: order.id,
        lines: order.lines.map((l) => [
          l.lineNumber,
          l.quantity.value,
          l.unitPrice.amount,
          l.requestedDeliveryDate,
        ]),
      });
      world.erpOrders.set(order.id, order);
      return { externalId: `erp-${order.id}`, created: false };
    },
    readBillPayment: async (args) => {
      record('readBillPayment', args);
      if (!world.bills.has(args.invoiceId)) return undefined;
      const answers = world.payments.get(args.invoiceId);
      if (!answers?.length) {
        const bill = world.bills.get(args.invoiceId)!;
        return { status: 'paid', amountPaid: bill.totals.total.amount, amountDue: '0', paidAt: '2026-12-20' };
      }
      return answers.length > 1 ? answers.shift()! : answers[0]!;
    },
    savePurchaseOrderView: async (view) => {
      record('savePurchaseOrderView', {
        id: view.purchaseOrderId,
        status: view.status,
        version: view.version,
      });
      world.views.push(structuredClone(view));
    },
    escalatePurchaseOrder: async (args) => void record('escalatePurchaseOrder', args),
  };
  // Dead-letter bookkeeping the workflows' runStep uses when a step fails for good.
  const deadLetters = {
    recordDeadLetter: async (args: { step: string }) => {
      record('recordDeadLetter', { step: args.step });
      return { deadLetterId: `dl-${args.step}` };
    },
    resolveDeadLetter: async (args: unknown) => void record('resolveDeadLetter', args),
    discardDeadLetter: async (args: unknown) => void record('discardDeadLetter', args),
  };
  return Object.assign(world, { activities: { ...activities, ...deadLetters } });
}
