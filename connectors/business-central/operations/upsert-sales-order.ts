import type { SalesOrder } from '../../../canonical-model/generated/index';
import { HubError } from '../../../platform/errors';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import type { BcRecord } from '../mappers/common';
import { salesOrderHeader, salesOrderLine } from '../mappers/orders';
import { odataString } from '../transport';
import { patchWithEtag } from './etag';
import { findOne, requireReference, resolveItems } from './resolve';

/** BC's limit on externalDocumentNumber. */
const EXTERNAL_DOCUMENT_NUMBER_MAX = 35;

/**
 * Creates the order, or updates the one this customer already has under the same externalDocumentNumber (the
 * customer PO, else the hub's order number), so a retried create never makes a second order. Updates PATCH the
 * header and each line with If-Match (re-reading once on 412) and add lines the order does not have yet.
 */
export async function upsertSalesOrder(
  ctx: BcContext,
  order: SalesOrder,
  context: WriteContext,
): Promise<WriteResult> {
  const { transport, config } = ctx;
  const signal = context.signal;
  const key = order.customerPoNumber ?? order.orderNumber;
  if (key.length > EXTERNAL_DOCUMENT_NUMBER_MAX) {
    const path = order.customerPoNumber ? '/customerPoNumber' : '/orderNumber';
    throw new HubError(
      'data',
      `Business Central sales order: ${path} is longer than ${EXTERNAL_DOCUMENT_NUMBER_MAX} characters (externalDocumentNumber)`,
      {
        fieldErrors: [
          {
            path,
            message: `must be at most ${EXTERNAL_DOCUMENT_NUMBER_MAX} characters for Business Central`,
          },
        ],
      },
    );
  }
  const customerId = await requireReference(
    context.references,
    'customer',
    order.customerId,
    '/customerId',
    'sales order',
  );
  const itemIds = await resolveItems(
    transport,
    context.references,
    order.lines.map((l) => l.item),
    (i) => `/lines/${i}/item`,
    'sales order',
    signal,
  );
  const header = salesOrderHeader(order, customerId, key, config.localCurrency);
  const lines = order.lines.map((line, i) => salesOrderLine(line, itemIds[i]!));

  const existing = await findOne(
    transport,
    'salesOrders',
    `externalDocumentNumber eq ${odataString(key)} and customerId eq ${customerId}`,
    signal,
    'salesOrderLines',
  );
  if (!existing) {
    const created = await transport.request<BcRecord>({
      method: 'POST',
      path: '/salesOrders',
      body: { ...header, salesOrderLines: lines },
      ...(signal ? { signal } : {}),
    });
    return {
      externalId: String(created.body.id),
      documentNumber: String(created.body.number),
      created: true,
    };
  }
  const id = String(existing.id);
  const what = `sales order ${String(existing.number)}`;
  await patchWithEtag(
    transport,
    `/salesOrders(${id})`,
    String(existing['@odata.etag']),
    header,
    what,
    signal,
  );
  const current = Array.isArray(existing.salesOrderLines) ? (existing.salesOrderLines as BcRecord[]) : [];
  for (const line of lines) {
    const match = current.find((c) => c.sequence === line.sequence);
    if (match) {
      const changes = Object.fromEntries(
        Object.entries(line).filter(([k]) => k !== 'sequence' && k !== 'lineType'),
      );
      await patchWithEtag(
        transport,
        `/salesOrders(${id})/salesOrderLines(${String(match.id)})`,
        String(match['@odata.etag']),
        changes,
        `${what} line ${String(match.sequence)}`,
        signal,
      );
    } else {
      await transport.request({
        method: 'POST',
        path: `/salesOrders(${id})/salesOrderLines`,
        body: line,
        ...(signal ? { signal } : {}),
      });
    }
  }
  return { externalId: id, documentNumber: String(existing.number), created: false };
}
