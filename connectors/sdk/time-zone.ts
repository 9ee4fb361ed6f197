/**
 * Wall clocks in IANA time zones. Partners, warehouses and X12 envelopes write local times without an offset, so
 * connectors convert between instants and what a clock in the zone shows; Intl knows the zone rules, so no
 * time-zone library is needed.
 */

/** What a clock in some zone shows: the calendar date (month 1-12) and the time of day (hour 0-23). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The clock of one time zone. */
export interface ZoneClock {
  /** What the zone's clock shows at `at` (a Date or epoch milliseconds); an invalid date is a RangeError. */
  read(at: Date | number): WallClock;
  /** Minutes the zone is ahead of UTC at the instant `utcMs` (negative west of Greenwich). */
  offsetMinutes(utcMs: number): number;
}

// Building a DateTimeFormat costs far more than using one, and mappers read a zone once per date element.
const clocks = new Map<string, ZoneClock>();

/**
 * The clock of `timeZone`. An unknown zone throws Intl's RangeError here (never later from `read`), so each
 * caller can say which setting named it.
 */
export function zoneClock(timeZone: string): ZoneClock {
  const known = clocks.get(timeZone);
  if (known) return known;
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const read = (at: Date | number): WallClock => {
    const parts: Record<string, number> = {};
    for (const part of formatter.formatToParts(at)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const get = (type: string) => parts[type] ?? 0;
    return {
      year: get('year'),
      month: get('month'),
      day: get('day'),
      hour: get('hour'),
      minute: get('minute'),
      second: get('second'),
    };
  };
  const clock: ZoneClock = {
    read,
    offsetMinutes(utcMs) {
      const wall = read(utcMs);
      const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
      // The clock shows whole seconds, so the instant is compared at whole seconds too.
      return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
    },
  };
  clocks.set(timeZone, clock);
  return clock;
}

/** `n` as at least `width` digits ("7" → "07"); for the fixed-width fields local times are written in. */
export function padDigits(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}
