/** TEST SUPPORT ONLY — a trading-partner context and helpers the inbound mapper tests share. */
import { expect } from 'vitest';
import { createCanonicalValidator } from '../../../../canonical-model/validate';
import { isHubError } from '../../../../platform/errors';
import type { FieldError } from '../../../../platform/errors';
import type { InboundContext, MappedSet } from '../context';

/** A customer partner in Chicago time, preferring UPCs. */
export function partnerContext(overrides: Partial<InboundContext> = {}): InboundContext {
  return {
    connectorId: 'edi-main',
    legalEntityId: 'le-us',
    partner: {
      id: 'tp-acme',
      role: 'customer',
      partyId: 'cust-acme',
      timeZone: 'America/Chicago',
      productIdQualifiers: ['UP', 'EN', 'VN', 'BP'],
    },
    perspective: 'hub',
    ...overrides,
  };
}

const validator = createCanonicalValidator();

/** Asserts every document of a mapped set is a valid canonical document of its type. */
export function expectValidDocuments(mapped: MappedSet): void {
  for (const doc of mapped.documents) {
    const result = validator.validate(doc.documentType, doc);
    expect(result.valid ? [] : result.errors).toEqual([]);
  }
}

/** Runs `map` and returns the field errors of the `data` HubError it must throw. */
export function dataErrorsOf(map: () => unknown): FieldError[] {
  try {
    map();
  } catch (err) {
    if (isHubError(err) && err.kind === 'data') return err.fieldErrors ?? [];
    throw err;
  }
  throw new Error('expected a data error, but the set mapped');
}

/** The paths of field errors, sorted, for comparing sets of problems. */
export function pathsOf(errors: FieldError[]): string[] {
  return errors.map((e) => e.path).sort();
}
