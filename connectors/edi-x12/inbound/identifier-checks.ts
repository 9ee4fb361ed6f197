/**
 * How strictly one set's GS1 ids are judged, from the partner's `identifierChecks`. 'strict' (the default) fails
 * the set on a UPC/EAN/GTIN or SSCC with a wrong check digit or length. 'lenient' lets the mapper keep the line
 * when something else still identifies it, keeps the bad value in an attribute and records a warning, so a
 * person sees every bad label without the whole shipment being refused.
 */
import type { FieldError } from '../../../platform/errors';
import type { InboundContext } from './context';
import { fieldPath } from './read-set';
import type { At } from './read-set';

/** The identifier policy of one set being mapped, and the warnings lenient checks leave. */
export class IdentifierChecks {
  constructor(
    readonly lenient: boolean,
    readonly warnings: FieldError[],
    /** Under lenient checks, a line whose only id is a bad GS1 key keeps it as the partner's own item code. */
    readonly fallbackQualifier: 'VENDOR_PART' | 'BUYER_PART' = 'VENDOR_PART',
  ) {}

  /** Records a warning on element `n` of a segment, once per field (a pack's label is read for each item). */
  warn(at: At, n: number, message: string): void {
    const path = fieldPath(at, n);
    if (!this.warnings.some((w) => w.path === path)) this.warnings.push({ path, message });
  }
}

/** The partner's identifier policy; warnings go to `warnings` (the set's `MappedSet.warnings`). */
export function identifierChecksOf(context: InboundContext, warnings: FieldError[]): IdentifierChecks {
  return new IdentifierChecks(
    context.partner.identifierChecks === 'lenient',
    warnings,
    context.partner.role === 'customer' ? 'BUYER_PART' : 'VENDOR_PART',
  );
}

/** The attribute key that keeps a bad value: `invalidUpc`, then `invalidUpc2`, … when a line has several. */
export function invalidKey(name: string, attributes: Record<string, string>): string {
  const base = `invalid${name}`;
  let key = base;
  for (let n = 2; key in attributes; n += 1) key = `${base}${n}`;
  return key;
}
