import { decimalText } from '../../sdk/json';
import { HubError } from '../../../platform/errors';
import { MappingProblems } from '../../sdk/mapping';
import type { WriteContext } from '../../sdk/ports/common';
import type { PriceQuote, PriceRequest } from '../../sdk/ports/erp';
import type { BcContext } from '../context';
import { compareDecimal } from '../../sdk/decimal';
import { moneyAmount } from '../decimal';
import { BC_UNIT_ALIASES, currencyOf } from '../mappers/common';
import type { BcRecord } from '../mappers/common';
import { odataString } from '../transport';
import { findOne, requireReference } from './resolve';

function applies(
  price: BcRecord,
  customer: BcRecord,
  quantity: string,
  date: string,
  currencyCode: string,
): boolean {
  const type = price.salesType;
  const forCustomer =
    type === 'All Customers' ||
    (type === 'Customer' && price.salesCode === customer.number) ||
    (type === 'Customer Price Group' &&
      price.salesCode !== '' &&
      price.salesCode === customer.customerPriceGroup);
  const start = typeof price.startingDate === 'string' ? price.startingDate : '';
  const end = typeof price.endingDate === 'string' ? price.endingDate : '';
  return (
    forCustomer &&
    (!start || start <= date) &&
    (!end || end >= date) &&
    compareDecimal(decimalText(price.minimumQuantity) ?? '0', quantity) <= 0 &&
    (price.currencyCode ?? '') === currencyCode
  );
}

/** The best (lowest) BC sales price for the customer, quantity and date; the item's unit price otherwise. */
export async function getPrice(
  ctx: BcContext,
  request: PriceRequest,
  context: WriteContext,
): Promise<PriceQuote> {
  const { transport, config } = ctx;
  const signal = context.signal;
  const customerId = await requireReference(
    context.references,
    'customer',
    request.customerId,
    '/customerId',
    'price lookup',
  );
  const [customer, item] = await Promise.all([
    transport.request<BcRecord>({
      method: 'GET',
      path: `/customers(${customerId})`,
      ...(signal ? { signal } : {}),
    }),
    findOne(transport, 'items', `number eq ${odataString(request.sku)}`, signal),
  ]);
  if (!item) {
    throw new HubError('data', `Business Central has no item ${request.sku}`, {
      fieldErrors: [{ path: '/sku', message: 'names no Business Central item' }],
    });
  }
  const date = request.date ?? new Date().toISOString().slice(0, 10);
  const currencyCode = typeof customer.body.currencyCode === 'string' ? customer.body.currencyCode : '';
  const currency = currencyOf(currencyCode, config.localCurrency);
  const prices = await transport.all<BcRecord>(
    '/salesPrices',
    { $filter: `itemNumber eq ${odataString(request.sku)}` },
    signal,
  );
  const problems = new MappingProblems('Business Central');
  const candidates = prices
    .filter((p) => applies(p, customer.body, request.quantity, date, currencyCode))
    .map((p, i) => ({
      p,
      amount: moneyAmount(problems.decimal(p.unitPrice, `/salesPrices/${i}/unitPrice`)),
    }));
  const best = candidates.sort((a, b) => compareDecimal(a.amount, b.amount))[0];
  const listPrice = best ? '' : moneyAmount(problems.decimal(item.unitPrice, '/unitPrice'));
  const uom = problems.unit(
    best ? best.p.unitOfMeasureCode : item.baseUnitOfMeasureCode,
    best ? '/salesPrices/unitOfMeasureCode' : '/baseUnitOfMeasureCode',
    BC_UNIT_ALIASES,
  );
  problems.throwIfAny(`price of ${request.sku}`);
  return {
    sku: request.sku,
    unitPrice: { amount: best ? best.amount : listPrice, currency },
    uom,
    priceList: best
      ? [best.p.salesType, best.p.salesCode]
          .filter((x): x is string => typeof x === 'string' && x !== '')
          .join(':')
      : 'ITEM-UNIT-PRICE',
  };
}
