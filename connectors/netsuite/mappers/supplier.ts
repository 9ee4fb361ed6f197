/** NetSuite vendor → canonical Supplier. */
import type { Supplier } from '../../../canonical-model/generated/index';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import type { NsVendor } from '../types';
import { instant, isoCurrency, optionalText, sourceOf } from './common';
import type { ReadMapContext } from './common';

/** Maps a vendor record. */
export function supplierFromNetSuite(raw: NsVendor, ctx: ReadMapContext): Supplier {
  const p = new MappingProblems('NetSuite');
  const id = p.text(raw.id, '/id');
  const supplierNumber = p.text(raw.entityId, '/entityId');
  const updatedAt = instant(raw.lastModifiedDate, '/lastModifiedDate', p);
  p.throwIfAny(`vendor ${id || '(no id)'}`);

  const currency = isoCurrency(raw.currency?.refName);
  const terms = optionalText(raw.terms?.refName, 64);
  const email = optionalText(raw.email, 254);
  const phone = optionalText(raw.phone, 50);
  return {
    schemaVersion: '1',
    documentType: 'supplier',
    id: provisionalId(ctx.connectorId, 'supplier', id),
    legalEntityId: ctx.legalEntityId,
    source: sourceOf(ctx, id, updatedAt),
    ...(updatedAt ? { updatedAt } : {}),
    supplierNumber,
    name: optionalText(raw.companyName) ?? supplierNumber,
    status: raw.isInactive ? 'inactive' : 'active',
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(currency ? { currency } : {}),
    ...(terms ? { paymentTerms: { code: terms } } : {}),
  };
}
