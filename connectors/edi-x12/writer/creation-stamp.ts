/**
 * The creation instant of an interchange as the partner reads it: ISA09/ISA10 and GS04/GS05 are local times
 * without a zone, so they are written in the partner profile's time zone.
 */
import { HubError } from '../../../platform/errors';
import { padDigits as pad, zoneClock } from '../../sdk/time-zone';
import type { ZoneClock } from '../../sdk/time-zone';

/** The creation date and time in the partner's zone: CCYYMMDD, YYMMDD and HHMM. */
export interface CreationStamp {
  date: string;
  shortDate: string;
  time: string;
}

/** Formats `at` in `timeZone`; an unknown zone is a `data` error naming `profile.timeZone`. */
export function creationStamp(at: Date, timeZone: string): CreationStamp {
  if (Number.isNaN(at.getTime())) {
    throw new HubError('data', 'the creation instant is not a valid date', {
      fieldErrors: [{ path: 'createdAt', message: 'is not a valid date' }],
    });
  }
  let clock: ZoneClock;
  try {
    clock = zoneClock(timeZone);
  } catch (err) {
    throw new HubError(
      'data',
      `the partner's time zone ${JSON.stringify(timeZone)} is not an IANA time zone`,
      {
        fieldErrors: [{ path: 'profile.timeZone', message: 'is not an IANA time zone' }],
        cause: err,
      },
    );
  }
  const wall = clock.read(at);
  const date = `${pad(wall.year, 4)}${pad(wall.month)}${pad(wall.day)}`;
  return { date, shortDate: date.slice(2), time: `${pad(wall.hour)}${pad(wall.minute)}` };
}
