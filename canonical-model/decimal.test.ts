import { describe, expect, it } from 'vitest';
import {
  addDecimal,
  compareDecimal,
  multiplyDecimal,
  roundDecimal,
  subtractDecimal,
  toPlaces,
} from './decimal';

describe('exact decimals', () => {
  it('adds, subtracts and multiplies without the errors a double makes', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(subtractDecimal('250000.10', '0.30')).toBe('249999.80');
    expect(multiplyDecimal('3', '1.1')).toBe('3.3');
    expect(multiplyDecimal('12345678901234.5678', '2')).toBe('24691357802469.1356');
    expect(subtractDecimal('0.5', '0.5')).toBe('0.0');
    expect(subtractDecimal('1', '1.25')).toBe('-0.25');
  });

  it('compares across scales', () => {
    expect(compareDecimal('1.50', '1.5')).toBe(0);
    expect(compareDecimal('-2', '1')).toBeLessThan(0);
    expect(compareDecimal('10', '9.999')).toBeGreaterThan(0);
  });

  it('rounds half away from zero, to at most or to exactly the places asked', () => {
    expect(roundDecimal('2.345', 2)).toBe('2.35');
    expect(roundDecimal('-2.345', 2)).toBe('-2.35');
    expect(roundDecimal('-0.004', 2)).toBe('0.00');
    expect(roundDecimal('3.1', 2)).toBe('3.1');
    expect(toPlaces('3.1', 2)).toBe('3.10');
    expect(toPlaces('0.0425', 2)).toBe('0.04');
    expect(toPlaces('7', 0)).toBe('7');
  });

  it('refuses text that is not a plain decimal', () => {
    expect(() => addDecimal('1e3', '1')).toThrow(/not a decimal/);
  });
});
