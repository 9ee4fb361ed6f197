/**
 * Partner-local wall-clock times → instants. X12 DTM/G62 times rarely carry a zone, so the partner profile's IANA
 * zone decides; Intl knows the zone rules, so no time-zone library is needed.
 */
import { HubError } from '../../../platform/errors';
import { padDigits as pad, zoneClock } from '../../sdk/time-zone';
import type { ZoneClock } from '../../sdk/time-zone';

function clockOf(timeZone: string): ZoneClock {
  try {
    return zoneClock(timeZone);
  } catch (err) {
    throw new HubError('config', `the trading partner's time zone "${timeZone}" is not an IANA time zone`, {
      cause: err,
    });
  }
}

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
  const clock = clockOf(timeZone);
  // The offsets a day either side bracket any daylight-saving change; a reading is right when the zone really has
  // that offset at the instant it gives. Both right: the time happens twice, take the first. Neither: it was
  // skipped, read it with the offset before the change (02:30 on a spring-forward night is 03:30 new time).
  const before = clock.offsetMinutes(wall - 86_400_000);
  const after = clock.offsetMinutes(wall + 86_400_000);
  const early = wall - before * 60_000;
  const late = wall - after * 60_000;
  const earlyRight = clock.offsetMinutes(early) === before;
  const lateRight = clock.offsetMinutes(late) === after;
  const utc = earlyRight && lateRight ? Math.min(early, late) : lateRight && !earlyRight ? late : early;
  const offset = clock.offsetMinutes(utc);
  const local = new Date(utc + offset * 60_000);
  const zone =
    offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${zone}`
  );
}
