/**
 * The creation instant of an interchange as the partner reads it: ISA09/ISA10 and GS04/GS05 are local times
 * without a zone, so they are written in the partner profile's time zone.
 */
import { HubError } from '../../../platform/errors';

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
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(at);
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
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('year').padStart(4, '0')}${part('month')}${part('day')}`;
  return { date, shortDate: date.slice(2), time: `${part('hour')}${part('minute')}` };
}
