/** NetSuite customer → canonical Customer. */
import type { Customer } from '../../../canonical-model/generated/index';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import type { NsCustomer } from '../types';
import { instant, isoCurrency, money, optionalText, sourceOf } from './common';
import type { ReadMapContext } from './common';

/** Maps a customer; a customer NetSuite holds on credit is `credit-hold`. */
export function customerFromNetSuite(raw: NsCustomer, ctx: ReadMapContext): Customer {
  const p = new MappingProblems('NetSuite');
  const id = p.text(raw.id, '/id');
  const customerNumber = p.text(raw.entityId, '/entityId');
  const updatedAt = instant(raw.lastModifiedDate, '/lastModifiedDate', p);
  const currency = isoCurrency(raw.currency?.refName);
  const creditLimit =
    raw.creditLimit === undefined || raw.creditLimit === null
      ? undefined
      : money(p.decimal(raw.creditLimit, '/creditLimit', { nonNegative: true }), currency ?? ctx.currency);
  p.throwIfAny(`customer ${id || '(no id)'}`);

  const terms = optionalText(raw.terms?.refName, 64);
  const priceList = optionalText(raw.priceLevel?.refName, 64);
  const email = optionalText(raw.email, 254);
  const phone = optionalText(raw.phone, 50);
  return {
    schemaVersion: '1',
    documentType: 'customer',
    id: provisionalId(ctx.connectorId, 'customer', id),
    legalEntityId: ctx.legalEntityId,
    source: sourceOf(ctx, id, updatedAt),
    ...(updatedAt ? { updatedAt } : {}),
    customerNumber,
    name: optionalText(raw.companyName) ?? customerNumber,
    status: raw.isInactive ? 'inactive' : raw.creditHoldOverride === 'ON' ? 'credit-hold' : 'active',
    type: raw.isPerson ? 'individual' : 'business',
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(currency ? { currency } : {}),
    ...(terms ? { paymentTerms: { code: terms } } : {}),
    ...(creditLimit ? { creditLimit } : {}),
    ...(priceList ? { priceList } : {}),
  };
}
