/** The TA1 interchange acknowledgement segment (not enveloped; the writer places it inside an ISA/IEA). */
import type { Ta1Outcome } from './outcome-types';
import type { OutSegment } from './types';

/**
 * TA1*ISA13*ISA09*ISA10*A|E|R*note. When the ISA was unreadable there is nothing to echo: the control number is
 * zeros and the date/time are `now` (UTC), so the partner still sees when and why its file was refused.
 */
export function buildTa1(ta1: Ta1Outcome, now: Date = new Date()): OutSegment {
  const iso = now.toISOString();
  const date = /^\d{6}$/.test(ta1.date) ? ta1.date : iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  const time = /^\d{4}$/.test(ta1.time) ? ta1.time : iso.slice(11, 13) + iso.slice(14, 16);
  const controlNumber = /^\d{9}$/.test(ta1.controlNumber) ? ta1.controlNumber : '000000000';
  return { id: 'TA1', elements: [controlNumber, date, time, ta1.status, ta1.note] };
}
