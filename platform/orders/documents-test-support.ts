/** TEST SUPPORT ONLY. Fixtures, the validator and X12 helpers the document builder tests share. */
import { expect } from 'vitest';
import { loadFixture } from '../../canonical-model/fixtures/load-fixture';
import type { SalesOrder, Shipment } from '../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { partnerProfile } from '../../connectors/edi-x12/outbound/test-support/partner-profiles';
import { isHubError } from '../errors';

const validator = createCanonicalValidator();

/** The EDI customer of the fixtures, preferring its own part numbers, then UPC and EAN. */
export const profile = partnerProfile({ productIdQualifiers: ['BP', 'UP', 'EN'] });
/** A fresh copy of the sales-order fixture. */
export const order = (): SalesOrder => loadFixture('sales-order');
/** A fresh copy of the shipment fixture (of that order). */
export const shipment = (): Shipment => loadFixture('shipment');
/** The instant the builders are called at. */
export const NOW = '2025-04-03T22:00:00Z';

/** Asserts that `doc` passes canonical validation for its document type. */
export function expectValid(doc: { documentType: string }): void {
  const result = validator.validate(doc.documentType, doc);
  expect(result.valid ? [] : result.errors).toEqual([]);
}

/** The kind and field paths of the HubError `build` throws. */
export function failureOf(build: () => unknown): { kind: string; paths: string[] } {
  try {
    build();
  } catch (err) {
    if (!isHubError(err)) throw err;
    return { kind: err.kind, paths: (err.fieldErrors ?? []).map((f) => f.path) };
  }
  throw new Error('expected the builder to throw');
}

/** The X12 segments of an interchange written with * and ~LF, as element arrays, the envelope left out. */
export function segmentsOf(text: string): string[][] {
  return text
    .split('~\n')
    .filter(Boolean)
    .map((s) => s.split('*'))
    .filter((s) => !['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA'].includes(s[0]!));
}

/** The segments with one id. */
export const withId = (segments: string[][], id: string) => segments.filter((s) => s[0] === id);
