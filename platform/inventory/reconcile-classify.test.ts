import { describe, expect, it } from 'vitest';
import { classifyKey } from './reconcile-classify';
import type { KeyEvidence } from './reconcile-classify';

const now = new Date('2026-03-01T12:00:00Z');
const options = { now, inFlightMinutes: 5 };
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

const evidence = (over: Partial<KeyEvidence>): KeyEvidence => ({
  sku: 'WID-1',
  locationId: 'loc_a',
  values: {},
  movements: [],
  factors: {},
  ...over,
});
const ea = (quantity: string, asOf?: string) => ({ quantity, uom: 'EA', ...(asOf ? { asOf } : {}) });

describe('classifyKey', () => {
  it('finds agreement when the figures are equal as decimals, and treats a missing record as zero', () => {
    expect(
      classifyKey(evidence({ values: { erp: ea('5.0'), wms: ea('5'), hub: ea('5.00') } }), options),
    ).toBe(undefined);
    expect(classifyKey(evidence({ values: { erp: ea('0') } }), options)).toBe(undefined);
    expect(classifyKey(evidence({ values: { erp: ea('3') } }), options)?.cause).toBe('unknown');
  });

  it('sees a unit mismatch either way round, only for a factor of the item', () => {
    const factors = { CS: '24', DZ: '12' };
    expect(
      classifyKey(evidence({ values: { erp: ea('120'), wms: ea('10') }, factors }), options),
    ).toMatchObject({
      cause: 'unit-mismatch',
      explanation: expect.stringContaining('1 DZ = 12') as string,
    });
    expect(classifyKey(evidence({ values: { erp: ea('2'), wms: ea('48') }, factors }), options)?.cause).toBe(
      'unit-mismatch',
    );
    expect(classifyKey(evidence({ values: { erp: ea('2'), wms: ea('14') }, factors }), options)?.cause).toBe(
      'unknown',
    );
  });

  it('tells recent movements (in flight) from older ones (missing) by when the hub recorded them', () => {
    const movement = (opId: string, delta: string, recordedMinutesAgo: number) => ({
      opId,
      onHandDelta: delta,
      occurredAt: minutesAgo(recordedMinutesAgo + 1),
      recordedAt: minutesAgo(recordedMinutesAgo),
    });
    const values = { erp: ea('100'), wms: ea('94'), hub: ea('94') };
    const recent = [movement('m2', '-4', 1), movement('m1', '-2', 2)];
    expect(classifyKey(evidence({ values, movements: recent }), options)).toMatchObject({
      cause: 'events-in-flight',
      explanation: expect.stringContaining('m2, m1') as string,
    });
    const old = [movement('m9', '-6', 60)];
    expect(classifyKey(evidence({ values, movements: old }), options)).toMatchObject({
      cause: 'missing-movement',
      explanation: expect.stringContaining('m9') as string,
    });
    expect(classifyKey(evidence({ values, movements: [movement('m8', '-5', 60)] }), options)?.cause).toBe(
      'unknown',
    );
  });

  it('calls a WMS change newer than the hub ledger events in flight', () => {
    const values = { erp: ea('100'), wms: ea('91', minutesAgo(1)) };
    expect(classifyKey(evidence({ values }), options)?.cause).toBe('events-in-flight');
    const stale = { erp: ea('100'), wms: ea('91', minutesAgo(30)) };
    expect(classifyKey(evidence({ values: stale }), options)?.cause).toBe('unknown');
  });
});
