import { describe, expect, it } from 'vitest';
import { isHubError } from '../../../platform/errors';
import { localInstant } from './local-time';

describe('partner-local times', () => {
  it('uses the zone offset in force on the day (standard and daylight time)', () => {
    expect(localInstant('2024-01-15', '093000', 'America/Chicago')).toBe('2024-01-15T09:30:00-06:00');
    expect(localInstant('2024-07-15', '0930', 'America/Chicago')).toBe('2024-07-15T09:30:00-05:00');
    expect(localInstant('2024-07-15', '093015', 'Europe/Berlin')).toBe('2024-07-15T09:30:15+02:00');
    expect(localInstant('2024-07-15', '2359', 'UTC')).toBe('2024-07-15T23:59:00Z');
  });

  it('gives the right instant around daylight-saving changes', () => {
    // 01:30 happens twice on 2024-11-03 in Chicago; either reading is an instant that exists.
    expect(['2024-11-03T01:30:00-05:00', '2024-11-03T01:30:00-06:00']).toContain(
      localInstant('2024-11-03', '0130', 'America/Chicago'),
    );
    // 02:30 does not exist on 2024-03-10: it is read with the offset before the change (= 03:30 CDT).
    expect(Date.parse(localInstant('2024-03-10', '0230', 'America/Chicago'))).toBe(
      Date.parse('2024-03-10T08:30:00Z'),
    );
  });

  it('calls an unknown time zone a configuration problem', () => {
    try {
      localInstant('2024-01-15', '0930', 'Mars/Olympus');
      expect.unreachable();
    } catch (err) {
      expect(isHubError(err) && err.kind).toBe('config');
    }
  });
});
