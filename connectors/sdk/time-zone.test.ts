import { describe, expect, it } from 'vitest';
import { padDigits, zoneClock } from './time-zone';

describe('zone clocks', () => {
  it('reads what the clock of a zone shows, with daylight time where the zone has it', () => {
    const at = Date.parse('2024-07-15T23:30:05Z');
    expect(zoneClock('America/Chicago').read(at)).toEqual({
      year: 2024,
      month: 7,
      day: 15,
      hour: 18,
      minute: 30,
      second: 5,
    });
    // Past midnight in Tokyo: the date moves on, and midnight is hour 0, not 24.
    expect(zoneClock('Asia/Tokyo').read(new Date('2024-12-31T15:00:00Z'))).toEqual({
      year: 2025,
      month: 1,
      day: 1,
      hour: 0,
      minute: 0,
      second: 0,
    });
  });

  it('gives the offset in force at an instant, on either side of a change', () => {
    const chicago = zoneClock('America/Chicago');
    expect(chicago.offsetMinutes(Date.parse('2024-01-15T12:00:00Z'))).toBe(-360);
    expect(chicago.offsetMinutes(Date.parse('2024-07-15T12:00:00Z'))).toBe(-300);
    // Chicago springs forward at 08:00Z on 2024-03-10.
    expect(chicago.offsetMinutes(Date.parse('2024-03-10T07:59:59.999Z'))).toBe(-360);
    expect(chicago.offsetMinutes(Date.parse('2024-03-10T08:00:00Z'))).toBe(-300);
    expect(zoneClock('Asia/Kolkata').offsetMinutes(Date.parse('2024-07-15T12:00:00Z'))).toBe(330);
    expect(zoneClock('UTC').offsetMinutes(Date.parse('2024-07-15T12:00:00Z'))).toBe(0);
  });

  it('throws for an unknown zone when the clock is asked for, and for an invalid date when it is read', () => {
    expect(() => zoneClock('Mars/Olympus')).toThrow(RangeError);
    expect(() => zoneClock('UTC').read(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('pads numbers to fixed-width digits', () => {
    expect(padDigits(7)).toBe('07');
    expect(padDigits(42)).toBe('42');
    expect(padDigits(999, 4)).toBe('0999');
    expect(padDigits(-5)).toBe('05');
  });
});
