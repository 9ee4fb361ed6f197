/**
 * One transfer order between two of the hub's warehouses (workflow id `transfer-order:<transfer id>`). It reserves
 * every line at the source (so channels and orders cannot sell the units), releases a shipping order to the
 * source WMS whose ship-to is the destination, and tells the destination WMS what to expect. When the source
 * confirms the shipment, the shipped units leave the source's on hand and go in transit to the destination (the
 * transfer-out movements); what was not shipped is released. Each completed receipt at the destination brings
 * its units out of transit into on hand (the transfer-in movements). A receipt short of what shipped leaves the
 * rest in transit and opens a `receipt-variance` exception; the transfer then waits up to LATE_RECEIPT_WINDOW for
 * the rest before it closes short. A cancel before shipment cancels the shipping order and releases the stock.
 */
import { condition, log, setHandler, workflowInfo } from '@temporalio/workflow';
import type { TransferActivities } from '../../activities/transfer-order/index';
import { addDecimal, compareDecimal, subtractDecimal } from '../../canonical-model/decimal';
import { DISCARDED, flowActivities, flowStep } from '../flow-steps';
import {
  cancelTransferSignal,
  transferReceivedSignal,
  transferShippedSignal,
  transferStatusQuery,
} from './messages';
import type {
  TransferCancelSignal,
  TransferOrderInput,
  TransferReceiptSignal,
  TransferShipmentSignal,
  TransferView,
} from './types';
import { initialView, note, quantityOf } from './view';

const { connectorCalls, bookkeeping } = flowActivities<TransferActivities>();

/** A deep copy of the view (the workflow sandbox has no structuredClone). */
const copyOf = (view: TransferView): TransferView => JSON.parse(JSON.stringify(view)) as TransferView;

/** How long a short-received transfer waits for the rest before it closes short. */
export const LATE_RECEIPT_WINDOW = '7 days';

/** The transfer-order workflow. */
export async function transferOrderWorkflow(input: TransferOrderInput): Promise<TransferView> {
  const workflowId = workflowInfo().workflowId;
  const view = initialView(input, workflowId);
  const now = () => new Date().toISOString();
  const shipments: TransferShipmentSignal[] = [];
  const receipts: TransferReceiptSignal[] = [];
  let cancel: TransferCancelSignal | undefined;
  // Read through a function: the signal handler sets it, which control-flow narrowing cannot see.
  const cancelAsked = (): TransferCancelSignal | undefined => cancel;
  setHandler(transferStatusQuery, () => copyOf(view));
  setHandler(transferShippedSignal, (s) => {
    if (!shipments.some((x) => x.shipmentId === s.shipmentId)) shipments.push(s);
  });
  setHandler(transferReceivedSignal, (r) => {
    if (!receipts.some((x) => x.receiptId === r.receiptId)) receipts.push(r);
  });
  setHandler(cancelTransferSignal, (c) => {
    if (!cancel) cancel = c;
  });

  const context = (payload: unknown, connectorId?: string) => ({
    flow: 'transfer-order',
    businessKeys: {
      transferId: input.transferId,
      transferNumber: input.transferNumber,
      legalEntityId: input.legalEntityId,
    },
    correlationId: input.correlationId,
    payload,
    ...(connectorId ? { connectorId } : {}),
  });
  const save = async () => {
    await flowStep('save-transfer-view', context({ version: view.version }), () =>
      bookkeeping.saveTransferView(copyOf(view)),
    );
  };
  const allLines = input.lines.map((l) => ({ lineNumber: l.lineNumber }));
  const releaseStock = (why: string) =>
    flowStep('release-transfer-stock', context({ why }), () =>
      bookkeeping.releaseTransferStock({ transferId: input.transferId, lines: allLines, why }),
    );

  await save();
  const reserved = await flowStep('reserve-transfer-stock', context({}), () =>
    bookkeeping.reserveTransferStock({ input }),
  );
  if (reserved === DISCARDED) return finish('rejected', 'reservation discarded');
  for (const got of reserved.lines) {
    const line = view.lines.find((l) => l.lineNumber === got.lineNumber)!;
    line.reserved = got.reserved;
    if (compareDecimal(got.reserved, line.quantity) < 0) {
      view.exceptions.push({
        code: 'insufficient-stock',
        message: `${line.sku}: ${line.quantity} asked, ${got.available} available at ${input.from.locationId}`,
        lineNumber: line.lineNumber,
        sku: line.sku,
        quantity: line.quantity,
        at: now(),
      });
    }
  }
  if (view.exceptions.length) {
    await releaseStock('rejected');
    view.lines.forEach((l) => (l.reserved = '0'));
    return finish('rejected', 'not enough stock at the source');
  }
  note(view, now(), 'reserved', `at ${input.from.locationId}`);
  if (cancelAsked()) return cancelBeforeRelease();

  const release = await flowStep('release-transfer-to-source', context({}, input.from.wmsConnectorId), () =>
    connectorCalls.releaseTransferToSource({ input }),
  );
  if (release === DISCARDED) {
    await releaseStock('release-discarded');
    return finish('cancelled', 'release to the source WMS discarded');
  }
  view.release = {
    externalId: release.externalId,
    ...(release.documentNumber ? { documentNumber: release.documentNumber } : {}),
  };
  const expected = await flowStep(
    'expect-transfer-at-destination',
    context({}, input.to.wmsConnectorId),
    () => connectorCalls.expectTransferAtDestination({ input, shipDate: input.shipBy ?? now().slice(0, 10) }),
  );
  if (expected !== DISCARDED) {
    view.expectedReceipt = {
      externalId: expected.externalId,
      ...(expected.documentNumber ? { documentNumber: expected.documentNumber } : {}),
    };
  }
  view.status = 'released';
  note(view, now(), 'released', `shipping order ${release.externalId} at ${input.from.locationId}`);
  await save();

  // Shipped, or cancelled while the warehouse can still stop it.
  for (;;) {
    await condition(() => shipments.length > 0 || cancel !== undefined);
    const asked = cancelAsked();
    if (shipments.length || !asked) break;
    const answer = await flowStep('cancel-transfer-at-source', context({}, input.from.wmsConnectorId), () =>
      connectorCalls.cancelTransferAtSource({
        wmsConnectorId: input.from.wmsConnectorId,
        transferId: input.transferId,
        externalId: view.release!.externalId,
        reason: asked.reason,
      }),
    );
    if (answer !== DISCARDED && answer.cancelled) {
      await releaseStock('cancelled');
      view.lines.forEach((l) => (l.reserved = '0'));
      return finish('cancelled', `by ${asked.by}: ${asked.reason}`);
    }
    const why =
      answer === DISCARDED ? 'the cancel call was discarded' : (answer.reason ?? 'the warehouse refused');
    view.exceptions.push({
      code: 'cancel-refused',
      message: `cancel by ${asked.by} refused: ${why}`,
      at: now(),
    });
    note(view, now(), 'cancel-refused', why);
    await save();
    // The warehouse is shipping it: wait for the shipment (a second cancel is not asked for).
    await condition(() => shipments.length > 0);
  }

  const shipment = shipments[0]!;
  for (const line of view.lines) {
    line.shipped = quantityOf(shipment.lines, line.sku, addDecimal);
    line.inTransit = line.shipped;
    line.reserved = '0';
    const short = subtractDecimal(line.quantity, line.shipped);
    if (compareDecimal(short, '0') > 0) {
      view.exceptions.push({
        code: 'short-shipment',
        message: `${line.sku}: ${line.shipped} of ${line.quantity} shipped; the rest is released at ${input.from.locationId}`,
        lineNumber: line.lineNumber,
        sku: line.sku,
        quantity: short,
        at: now(),
      });
    }
  }
  await flowStep('book-transfer-shipment', context({ shipmentId: shipment.shipmentId }), () =>
    bookkeeping.bookTransferShipment({
      input,
      shipmentId: shipment.shipmentId,
      shippedAt: shipment.shippedAt,
      lines: view.lines.map((l) => ({ lineNumber: l.lineNumber, sku: l.sku, shipped: l.shipped })),
    }),
  );
  view.status = 'in-transit';
  note(view, now(), 'shipped', `shipment ${shipment.shipmentId}`);
  await save();
  if (cancelAsked() && !view.exceptions.some((e) => e.code === 'cancel-refused')) {
    log.warn('transfer cancel after shipment ignored', { transferId: input.transferId });
  }

  // Receipts at the destination, until everything shipped is in (or the late window after a short one passes).
  let applied = 0;
  const outstanding = () => view.lines.some((l) => compareDecimal(l.inTransit, '0') > 0);
  while (outstanding()) {
    const arrived =
      view.status === 'received-short'
        ? await condition(() => receipts.length > applied, LATE_RECEIPT_WINDOW)
        : (await condition(() => receipts.length > applied), true);
    if (!arrived) break;
    const receipt = receipts[applied]!;
    applied += 1;
    const lines = view.lines.map((l) => ({
      lineNumber: l.lineNumber,
      sku: l.sku,
      quantity: quantityOf(receipt.lines, l.sku, addDecimal),
    }));
    await flowStep('book-transfer-receipt', context({ receiptId: receipt.receiptId }), () =>
      bookkeeping.bookTransferReceipt({
        input,
        receiptId: receipt.receiptId,
        receiptNumber: applied,
        receivedAt: receipt.receivedAt,
        lines,
      }),
    );
    for (const got of lines) {
      const line = view.lines.find((l) => l.lineNumber === got.lineNumber)!;
      line.received = addDecimal(line.received, got.quantity);
      line.inTransit = subtractDecimal(line.shipped, line.received);
    }
    view.exceptions = view.exceptions.filter((e) => e.code !== 'receipt-variance');
    for (const line of view.lines) {
      if (compareDecimal(line.inTransit, '0') === 0) continue;
      const over = compareDecimal(line.inTransit, '0') < 0;
      view.exceptions.push({
        code: 'receipt-variance',
        message: over
          ? `${line.sku}: ${line.received} received, ${line.shipped} shipped (over receipt)`
          : `${line.sku}: ${line.received} of ${line.shipped} received; ${line.inTransit} still in transit`,
        lineNumber: line.lineNumber,
        sku: line.sku,
        quantity: line.inTransit,
        at: receipt.receivedAt,
      });
    }
    view.status = outstanding() ? 'received-short' : 'in-transit';
    note(view, now(), 'received', `receipt ${receipt.receiptId}`);
    await save();
  }
  return finish(outstanding() ? 'closed-short' : 'closed');

  async function cancelBeforeRelease(): Promise<TransferView> {
    await releaseStock('cancelled');
    view.lines.forEach((l) => (l.reserved = '0'));
    const asked = cancelAsked();
    return finish('cancelled', asked ? `by ${asked.by}: ${asked.reason}` : undefined);
  }

  async function finish(status: TransferView['status'], detail?: string): Promise<TransferView> {
    view.status = status;
    note(view, now(), status, detail);
    await save();
    return copyOf(view);
  }
}
