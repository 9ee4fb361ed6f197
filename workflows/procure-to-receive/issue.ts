/**
 * Issuing the PO: created in the ERP (when the policy names one; the ERP finds it again by the PO id on a
 * retry), sent to the supplier through its channel (EDI 850 or portal; the document and its X12 control numbers
 * are recorded), and every line recorded as inbound supply due on its requested date.
 */
import type { PoState } from './state';
import { DISCARDED, connectorCalls, save, step } from './steps';
import { markErpInSync } from './erp-order';
import { syncLineSupply } from './supply';

/** Creates, sends and records the PO as supply; status issued. */
export async function issue(s: PoState): Promise<void> {
  const order = s.purchaseOrder();
  const erp = s.input.policy.erpConnectorId;
  if (erp) {
    const proposed = { order };
    let sent = proposed;
    const created = await step(
      s,
      'erp-purchase-order',
      proposed,
      (payload) => {
        sent = payload;
        return connectorCalls.createErpPurchaseOrder({ erpConnectorId: erp, order: payload.order });
      },
      erp,
    );
    if (created !== DISCARDED && sent !== proposed)
      s.note({
        kind: 'step',
        step: 'erp-purchase-order',
        message:
          'the ERP purchase order was created as edited by support before the replay; later ERP updates are ' +
          'built from the PO as the hub holds it',
      });
    if (created !== DISCARDED) {
      s.erp = {
        connectorId: erp,
        externalId: created.externalId,
        ...(created.documentNumber ? { documentNumber: created.documentNumber } : {}),
      };
      markErpInSync(s);
      s.documents.push({
        direction: 'outbound',
        documentType: 'erp-purchase-order',
        documentId: order.id,
        number: created.documentNumber ?? order.poNumber,
        connectorId: erp,
        externalId: created.externalId,
        at: s.now(),
      });
      s.note({
        kind: 'connector-call',
        step: 'erp-purchase-order',
        message: `PO ${created.created ? 'created' : 'found'} in the ERP as ${created.documentNumber ?? created.externalId}`,
        connectorId: erp,
      });
    }
  } else s.note({ kind: 'step', step: 'erp-purchase-order', message: 'the purchasing policy names no ERP' });

  const channel = s.input.supplier.channel;
  const channelId = channel.kind === 'edi' ? channel.ediConnectorId : channel.connectorId;
  const sent = await step(
    s,
    'send-purchase-order',
    { purchaseOrderId: order.id, channel: channel.kind },
    () => connectorCalls.sendPurchaseOrder({ order, supplier: s.input.supplier }),
    channelId,
  );
  if (sent !== DISCARDED) {
    s.documents.push(sent.document);
    const control = sent.document.control;
    s.note({
      kind: 'document',
      step: 'sent',
      message: `PO sent to ${order.supplierId} by ${channel.kind === 'edi' ? 'EDI 850' : 'the supplier portal'}${control?.interchange ? ` (ISA ${control.interchange})` : ''}`,
      connectorId: sent.connectorId,
      documentType: sent.document.documentType,
      documentId: sent.document.documentId,
    });
  }
  await syncLineSupply(s, s.book, 'cancelled');
  s.status = 'issued';
  s.note({ kind: 'step', step: 'issued', message: `issued to ${order.supplierId}` });
  await save(s);
}
