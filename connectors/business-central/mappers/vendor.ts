/** Business Central vendor → canonical Supplier. */
import type { Supplier } from '../../../canonical-model/generated/index';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import { addressOf, currencyOf, optionalText, sourceOf, termsOf } from './common';
import type { BcRecord } from './common';

/** Maps one `vendors` record read with `$expand=paymentTerm`; blocked vendors ("Payment", "All") are on hold. */
export function supplierFromBc(
  record: BcRecord,
  connectorId: string,
  legalEntityId: string,
  localCurrency: string,
): Supplier {
  const problems = new MappingProblems('Business Central');
  const externalId = problems.text(record.id, '/id');
  const supplierNumber = problems.text(record.number, '/number');
  const name = problems.text(record.displayName, '/displayName');
  const blocked = typeof record.blocked === 'string' ? record.blocked.trim() : '';
  if (!['', 'Payment', 'All'].includes(blocked))
    problems.add('/blocked', `${JSON.stringify(record.blocked)} is not a blocking BC knows`);
  const paymentTerms = termsOf(problems, record.paymentTerm, '/paymentTerm');
  problems.throwIfAny(`vendor ${supplierNumber || externalId}`);
  const orderAddress = addressOf(record);
  const email = optionalText(record.email);
  const phone = optionalText(record.phoneNumber);
  const taxId = optionalText(record.taxRegistrationNumber);
  return {
    schemaVersion: '1',
    documentType: 'supplier',
    id: provisionalId(connectorId, 'supplier', externalId),
    legalEntityId,
    source: sourceOf(connectorId, record),
    ...(typeof record.lastModifiedDateTime === 'string' ? { updatedAt: record.lastModifiedDateTime } : {}),
    supplierNumber,
    name,
    status: blocked ? 'on-hold' : 'active',
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(orderAddress ? { orderAddress: { ...orderAddress, company: name } } : {}),
    currency: currencyOf(record.currencyCode, localCurrency),
    ...(paymentTerms ? { paymentTerms } : {}),
    ...(taxId ? { taxId } : {}),
    ...(blocked ? { attributes: { bc_blocked: blocked } } : {}),
  };
}
