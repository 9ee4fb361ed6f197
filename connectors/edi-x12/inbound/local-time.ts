/**
 * Partner-local wall-clock times → instants. X12 DTM/G62 times rarely carry a zone, so the partner profile's IANA
 * zone decides; Intl knows the zone rules, so no time-zone library is needed.
 */
import { HubError } from '../../../platform/errors';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch (err) {
      throw new HubError('config', `the trading partner's time zone "${timeZone}" is not an IANA time zone`, {
        cause: err,
      });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes the zone is ahead of UTC at the instant `utcMs`. */
function offsetMinutes(utcMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const get = (type: string) => parts[type] ?? 0;
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * The instant of a wall-clock time in `timeZone`, written with that zone's offset ("2024-03-10T08:30:00-05:00").
 * A time that happens twice (autumn) is the first; one that does not exist (spring) is read with the offset before
 * the change.
 */
export function localInstant(date: string, hhmmss: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const hour = Number(hhmmss.slice(0, 2));
  const minute = Number(hhmmss.slice(2, 4));
  const second = hhmmss.length >= 6 ? Number(hhmmss.slice(4, 6)) : 0;
  const wall = Date.UTC(y, m - 1, d, hour, minute, second);
  // The offsets a day either side bracket any daylight-saving change; a reading is right when the zone really has
  // that offset at the instant it gives. Both right: the time happens twice, take the first. Neither: it was
  // skipped, read it with the offset before the change (02:30 on a spring-forward night is 03:30 new time).
  const before = offsetMinutes(wall - 86_400_000, timeZone);
  const after = offsetMinutes(wall + 86_400_000, timeZone);
  const early = wall - before * 60_000;
  const late = wall - after * 60_000;
  const earlyRight = offsetMinutes(early, timeZone) === before;
  const lateRight = offsetMinutes(late, timeZone) === after;
  const utc = earlyRight && lateRight ? Math.min(early, late) : lateRight && !earlyRight ? late : early;
  const offset = offsetMinutes(utc, timeZone);
  const local = new Date(utc + offset * 60_000);
  const zone =
    offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${zone}`
  );
}
