/** NetSuite customer credit fields → CreditStatus, in exact decimals. */
import { MappingProblems } from '../../sdk/mapping';
import type { CreditStatus } from '../../sdk/ports/erp';
import { addDecimal, compareDecimal, subtractDecimal } from '../../sdk/decimal';
import type { NsCustomer } from '../types';
import { isoCurrency, money, optionalText } from './common';

/**
 * Balance is open receivables plus unbilled orders; available is limit − balance. NetSuite holds a customer when
 * creditHoldOverride is ON, or on AUTO once the balance exceeds the limit.
 */
export function creditStatusFromNetSuite(raw: NsCustomer, defaultCurrency: string): CreditStatus {
  const p = new MappingProblems('NetSuite');
  const id = p.text(raw.id, '/id');
  const currency = isoCurrency(raw.currency?.refName) ?? defaultCurrency;
  const balance = addDecimal(
    p.decimal(raw.balance ?? 0, '/balance'),
    p.decimal(raw.unbilledOrders ?? 0, '/unbilledOrders'),
  );
  const limit =
    raw.creditLimit === undefined || raw.creditLimit === null
      ? undefined
      : p.decimal(raw.creditLimit, '/creditLimit', { nonNegative: true });
  p.throwIfAny(`customer ${id || '(no id)'}`);

  const overLimit = limit !== undefined && compareDecimal(balance, limit) > 0;
  const onHold = raw.creditHoldOverride === 'ON' || (raw.creditHoldOverride !== 'OFF' && overLimit);
  const terms = optionalText(raw.terms?.refName, 64);
  return {
    customerExternalId: id,
    ...(limit !== undefined
      ? { creditLimit: money(limit, currency), available: money(subtractDecimal(limit, balance), currency) }
      : {}),
    balance: money(balance, currency),
    onHold,
    ...(terms ? { terms } : {}),
  };
}
