/**
 * The 999 implementation acknowledgement body (005010X231A1) for partners that ask for it: the 997 skeleton with
 * IK3/IK4/IK5 and AK103 (GS08) echoed. Our checks are syntax checks, so the codes are the 997's numeric ones.
 */
import type { AckOptions } from './build-997';
import { buildAck } from './build-997';
import type { GroupOutcome } from './outcome-types';
import type { OutSegment } from './types';

/** The 999 for a group: AK1 (with GS08), AK2/IK3/IK4/IK5 per set, AK9, with SE01 counted. */
export function build999(group: GroupOutcome, options: Omit<AckOptions, 'echoVersion'>): OutSegment[] {
  return buildAck(
    group,
    { ...options, echoVersion: true },
    { setId: '999', segment: 'IK3', element: 'IK4', set: 'IK5', convention: '005010X231A1' },
  );
}
