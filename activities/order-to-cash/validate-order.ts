/**
 * validateOrder: everything checked before an order may be released — each line's item and unit (the ERP must
 * know the SKU and the unit must convert to its stocking unit), the contract price within the policy's tolerance,
 * the customer's credit, and ship-to and tax sanity. Problems become holds naming the canonical field; only
 * reads are made, so a retry is harmless.
 */
import { addDecimal, compareDecimal, multiplyDecimal, subtractDecimal } from '../../canonical-model/decimal';
import type { Item, SalesOrder, SalesOrderLine } from '../../canonical-model/generated/index';
import type { ErpPort } from '../../connectors/sdk/ports/erp';
import type { OrderPolicy } from '../../platform/orders/policy';
import type { OrderHold } from '../../workflows/order-to-cash/types';
import type { OrderActivityDeps } from './deps';
import type { ResolvedLine, ValidationResult } from './types';

const SKU_QUALIFIERS = ['SKU', 'VENDOR_PART'];

/** Payment states of orders paid up front (no credit exposure, the channel's own prices). */
const PREPAID = new Set(['paid', 'authorized', 'partially-paid']);

/** The SKU a line names (its SKU, else the vendor part number), if any. */
export function skuOf(line: SalesOrderLine): string | undefined {
  for (const q of SKU_QUALIFIERS) {
    const found = line.item.identifiers.find((i) => i.qualifier === q);
    if (found) return found.value;
  }
  return undefined;
}

/** Base units per ordered unit, or undefined when the item has no such unit. */
export function baseUnitsOf(item: Pick<Item, 'baseUom' | 'uomConversions'>, uom: string): string | undefined {
  if (uom === item.baseUom) return '1';
  return item.uomConversions?.find((c) => c.uom === uom)?.baseUnits;
}

/** Absolute deviation of `price` from `contract`, in percent (×100), as a decimal string. */
function deviationPercent(price: string, contract: string): string | undefined {
  if (compareDecimal(contract, '0') === 0) return undefined;
  const diff = subtractDecimal(price, contract);
  const abs = diff.startsWith('-') ? diff.slice(1) : diff;
  // abs / contract × 100, compared without division: abs × 100 vs tolerance × contract.
  return multiplyDecimal(abs, '100');
}

function shipToHolds(order: SalesOrder): OrderHold[] {
  const holds: OrderHold[] = [];
  const a = order.shipTo.address;
  if (!a) return [{ kind: 'ship-to', path: '/shipTo/address', message: 'the ship-to has no address' }];
  if (!a.city)
    holds.push({ kind: 'ship-to', path: '/shipTo/address/city', message: 'the ship-to has no city' });
  if (!a.postalCode)
    holds.push({
      kind: 'ship-to',
      path: '/shipTo/address/postalCode',
      message: 'the ship-to has no postal code',
    });
  else if (a.countryCode === 'US' && !/^\d{5}(-\d{4})?$/.test(a.postalCode))
    holds.push({
      kind: 'ship-to',
      path: '/shipTo/address/postalCode',
      message: `${a.postalCode} is not a US ZIP code`,
    });
  return holds;
}

function taxHolds(order: SalesOrder): OrderHold[] {
  const holds: OrderHold[] = [];
  order.lines.forEach((l, i) =>
    (l.taxes ?? []).forEach((t, j) => {
      const rate = t.ratePercent;
      if (rate !== undefined && (compareDecimal(rate, '0') < 0 || compareDecimal(rate, '100') > 0))
        holds.push({
          kind: 'tax',
          path: `/lines/${i}/taxes/${j}/ratePercent`,
          message: `tax rate ${rate}% is not between 0 and 100`,
        });
      if (compareDecimal(t.amount.amount, '0') < 0)
        holds.push({
          kind: 'tax',
          path: `/lines/${i}/taxes/${j}/amount`,
          message: 'a tax amount cannot be negative',
        });
    }),
  );
  return holds;
}

/** Checks one line against the ERP's item and contract price. */
async function checkLine(
  erp: ErpPort,
  deps: OrderActivityDeps,
  ctx: { erpConnectorId: string; order: SalesOrder; policy: OrderPolicy; onAccount: boolean },
  line: SalesOrderLine,
  i: number,
  holds: OrderHold[],
  calls: string[],
): Promise<ResolvedLine | undefined> {
  const sku = skuOf(line);
  if (!sku) {
    holds.push({
      kind: 'item',
      path: `/lines/${i}/item/identifiers`,
      message: 'the line names no SKU or vendor part number',
    });
    return undefined;
  }
  const item = await erp.getItem(sku);
  calls.push(`ERP item ${sku}: ${item ? item.status : 'not found'}`);
  if (!item || item.status !== 'active') {
    holds.push({
      kind: 'item',
      path: `/lines/${i}/item`,
      message: `${sku} is ${item ? item.status : 'unknown'} in the ERP`,
    });
    return { lineNumber: line.lineNumber, sku, baseUnits: '1' };
  }
  const baseUnits = baseUnitsOf(item, line.quantity.uom);
  if (!baseUnits) {
    holds.push({
      kind: 'item',
      path: `/lines/${i}/quantity/uom`,
      message: `${sku} is not sold in ${line.quantity.uom} (stocked in ${item.baseUom})`,
    });
    return { lineNumber: line.lineNumber, sku, baseUnits: '1' };
  }
  // Prepaid orders (web store) sell at the channel's price: no contract price to hold against.
  if (!ctx.onAccount) return { lineNumber: line.lineNumber, sku, baseUnits };
  const quote = await erp.getPrice(
    { sku, customerId: ctx.order.customerId, quantity: line.quantity.value, date: ctx.order.orderDate },
    deps.runtime.writeContext(ctx.erpConnectorId, `price/${ctx.order.id}/${line.lineNumber}`),
  );
  const contract =
    quote.uom === line.quantity.uom
      ? quote.unitPrice.amount
      : multiplyDecimal(quote.unitPrice.amount, baseUnits);
  calls.push(
    `ERP price ${sku}: ${contract} ${quote.unitPrice.currency}${quote.priceList ? ` (${quote.priceList})` : ''}`,
  );
  const scaled = deviationPercent(line.unitPrice.amount, contract);
  if (
    scaled !== undefined &&
    compareDecimal(scaled, multiplyDecimal(ctx.policy.priceTolerancePercent, contract)) > 0
  )
    holds.push({
      kind: 'price',
      path: `/lines/${i}/unitPrice`,
      message: `${line.unitPrice.amount} deviates from the contract price ${contract} by more than ${ctx.policy.priceTolerancePercent}%`,
    });
  return { lineNumber: line.lineNumber, sku, baseUnits };
}

/** The validateOrder activity. */
export function validateOrder(deps: OrderActivityDeps) {
  return async ({ order, policy }: { order: SalesOrder; policy: OrderPolicy }): Promise<ValidationResult> => {
    const holds: OrderHold[] = [...shipToHolds(order), ...taxHolds(order)];
    const calls: string[] = [];
    const priorityCustomer = policy.priorityCustomerIds.includes(order.customerId);
    const erpConnectorId = policy.erpConnectorId;
    if (!erpConnectorId) {
      const lines = order.lines.map((l) => ({
        lineNumber: l.lineNumber,
        sku: skuOf(l) ?? l.item.identifiers[0]?.value ?? '',
        baseUnits: '1',
      }));
      return { lines, holds, calls, priorityCustomer };
    }
    const erp = await deps.runtime.instance<ErpPort>(erpConnectorId, 'erp');
    const onAccount = !PREPAID.has(order.paymentStatus ?? 'on-account');
    const lines: ResolvedLine[] = [];
    for (const [i, line] of order.lines.entries()) {
      const resolved = await checkLine(
        erp,
        deps,
        { erpConnectorId, order, policy, onAccount },
        line,
        i,
        holds,
        calls,
      );
      lines.push(
        resolved ?? {
          lineNumber: line.lineNumber,
          sku: line.item.identifiers[0]?.value ?? '',
          baseUnits: '1',
        },
      );
    }
    if (!onAccount) {
      calls.push(`order is ${order.paymentStatus ?? 'prepaid'}: no credit or contract-price check`);
      return { lines, holds, calls, priorityCustomer };
    }
    const customerExternalId = await deps.runtime
      .writeContext(erpConnectorId, 'credit')
      .references.externalId('customer', order.customerId);
    if (!customerExternalId) {
      holds.push({
        kind: 'credit',
        path: '/customerId',
        message: `${order.customerId} is not linked to an ERP customer; credit cannot be checked`,
      });
      return { lines, holds, calls, priorityCustomer };
    }
    const credit = await erp.getCreditStatus(customerExternalId);
    const total = order.lines.reduce(
      (t, l) => addDecimal(t, multiplyDecimal(l.quantity.value, l.unitPrice.amount)),
      '0',
    );
    calls.push(
      `ERP credit ${customerExternalId}: ${credit.onHold ? 'on hold' : `available ${credit.available?.amount ?? 'unlimited'}`}`,
    );
    if (credit.onHold)
      holds.push({
        kind: 'credit',
        path: '/customerId',
        message: 'the customer is on credit hold in the ERP',
      });
    else if (credit.available && compareDecimal(total, credit.available.amount) > 0)
      holds.push({
        kind: 'credit',
        path: '/lines',
        message: `order total ${total} exceeds the available credit ${credit.available.amount}`,
      });
    return { lines, holds, calls, priorityCustomer };
  };
}
