/** Business Central customer → canonical Customer. */
import type { Customer } from '../../../canonical-model/generated/index';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import { addressOf, currencyOf, optionalText, sourceOf, termsOf } from './common';
import type { BcRecord } from './common';
import { compareDecimal } from '../../sdk/decimal';
import { moneyAmount } from '../decimal';

/** Maps one `customers` record read with `$expand=paymentTerm`; a blocked customer is on credit hold. */
export function customerFromBc(
  record: BcRecord,
  connectorId: string,
  legalEntityId: string,
  localCurrency: string,
): Customer {
  const problems = new MappingProblems('Business Central');
  const externalId = problems.text(record.id, '/id');
  const customerNumber = problems.text(record.number, '/number');
  const name = problems.text(record.displayName, '/displayName');
  const currency = currencyOf(record.currencyCode, localCurrency);
  const creditLimit =
    record.creditLimit === undefined
      ? undefined
      : moneyAmount(problems.decimal(record.creditLimit, '/creditLimit', { nonNegative: true }));
  const blocked = typeof record.blocked === 'string' ? record.blocked.trim() : '';
  if (!['', 'Ship', 'Invoice', 'All'].includes(blocked))
    problems.add('/blocked', `${JSON.stringify(record.blocked)} is not a blocking BC knows`);
  const paymentTerms = termsOf(problems, record.paymentTerm, '/paymentTerm');
  problems.throwIfAny(`customer ${customerNumber || externalId}`);
  const billingAddress = addressOf(record);
  const email = optionalText(record.email);
  const phone = optionalText(record.phoneNumber);
  const taxId = optionalText(record.taxRegistrationNumber);
  return {
    schemaVersion: '1',
    documentType: 'customer',
    id: provisionalId(connectorId, 'customer', externalId),
    legalEntityId,
    source: sourceOf(connectorId, record),
    ...(typeof record.lastModifiedDateTime === 'string' ? { updatedAt: record.lastModifiedDateTime } : {}),
    customerNumber,
    name,
    status: blocked ? 'credit-hold' : 'active',
    type: record.type === 'Person' ? 'individual' : 'business',
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(billingAddress ? { billingAddress: { ...billingAddress, company: name } } : {}),
    currency,
    ...(paymentTerms ? { paymentTerms } : {}),
    // BC stores "no limit" as 0.
    ...(creditLimit !== undefined && compareDecimal(creditLimit, '0') > 0
      ? { creditLimit: { amount: creditLimit, currency } }
      : {}),
    ...(taxId ? { taxId } : {}),
    ...(blocked ? { attributes: { bc_blocked: blocked } } : {}),
  };
}
