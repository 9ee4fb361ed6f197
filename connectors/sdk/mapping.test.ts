import { describe, expect, it } from 'vitest';
import { isHubError } from '../../platform/errors';
import { MappingProblems, normaliseDecimal, provisionalId } from './mapping';

describe('vendor mapping helpers', () => {
  it('reads exact decimals, units through aliases and dates, and names every vendor field that does not map', () => {
    const p = new MappingProblems('Shopify');
    expect(p.decimal('0012.50', '/price')).toBe('12.50');
    expect(p.decimal(3, '/quantity', { nonNegative: true })).toBe('3');
    expect(p.unit('Each', '/units', { each: 'EA' })).toBe('EA');
    expect(p.date('2025-03-31T09:02:11-05:00', '/created_at')).toBe('2025-03-31');
    expect(p.errors).toEqual([]);

    p.text(undefined, '/line_items/0/sku');
    p.decimal('12,50', '/line_items/0/price');
    p.decimal('-1', '/line_items/0/quantity', { nonNegative: true });
    p.unit('BUCKET', '/line_items/0/unit');
    const err = (() => {
      try {
        p.throwIfAny('order 1001');
      } catch (e) {
        return e;
      }
    })();
    expect(isHubError(err) && err.kind).toBe('data');
    expect(isHubError(err) && err.message).toContain(
      'Shopify order 1001 does not map: /line_items/0/sku is missing',
    );
    expect(isHubError(err) && err.fieldErrors?.map((f) => f.path)).toEqual([
      '/line_items/0/sku',
      '/line_items/0/price',
      '/line_items/0/quantity',
      '/line_items/0/unit',
    ]);
  });

  it('normalises decimals without losing digits and makes stable, valid provisional ids', () => {
    expect(normaliseDecimal('-000.10')).toBe('-0.10');
    expect(normaliseDecimal('-0')).toBe('0');
    expect(normaliseDecimal('12345678901234567890.123456789')).toBe('12345678901234567890.123456789');
    const id = provisionalId('con_abc', 'sales-order', 'gid://shopify/Order/820982911946154508');
    expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/);
    expect(id).toBe(provisionalId('con_abc', 'sales-order', 'gid://shopify/Order/820982911946154508'));
  });
});
