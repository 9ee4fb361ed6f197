/**
 * The 997 set body (ST … SE) acknowledging one functional group. Not enveloped: the writer wraps it in the
 * ISA/GS of the partner profile and fills the control numbers of the envelope.
 */
import type { ElementError, GroupOutcome, SegmentError, SetOutcome } from './outcome-types';
import type { OutSegment } from './types';

/** How the acknowledgement is written. */
export interface AckOptions {
  /** ST02/SE02 of the acknowledgement (from the partner's outbound sequence). */
  controlNumber: string;
  /** AK2 loops for every set ('all', default) or only for sets not accepted clean ('errors-only'). */
  setResponses?: 'all' | 'errors-only';
  /** Write AK103 (GS08 echoed), as 5010 partners expect; off by default (4010 AK1 has two elements). */
  echoVersion?: boolean;
}

/** The 997 for a group: AK1, AK2/AK3/AK4/AK5 per set, AK9, with SE01 counted. */
export function build997(group: GroupOutcome, options: AckOptions): OutSegment[] {
  return buildAck(group, options, { setId: '997', segment: 'AK3', element: 'AK4', set: 'AK5' });
}

/** Segment names of the two acknowledgement flavours (997: AK3/AK4/AK5; 999: IK3/IK4/IK5). */
export interface AckVocabulary {
  setId: '997' | '999';
  segment: string;
  element: string;
  set: string;
  /** ST03 of the acknowledgement (999: the 005010X231A1 convention). */
  convention?: string;
}

/** Shared body of the 997 and 999 builders. */
export function buildAck(group: GroupOutcome, options: AckOptions, words: AckVocabulary): OutSegment[] {
  const header = group.header;
  const body: OutSegment[] = [
    { id: 'ST', elements: [words.setId, options.controlNumber, words.convention] },
    {
      id: 'AK1',
      elements: [header.functionalId, header.controlNumber, options.echoVersion ? header.version : undefined],
    },
  ];
  const responses = options.setResponses ?? 'all';
  for (const set of group.sets) {
    if (responses === 'errors-only' && set.status === 'A') continue;
    body.push(...setResponse(set, words));
  }
  body.push({
    id: 'AK9',
    elements: [
      group.status,
      String(group.included),
      String(group.received),
      String(group.accepted),
      ...group.codes,
    ],
  });
  body.push({ id: 'SE', elements: [String(body.length + 1), options.controlNumber] });
  return body;
}

function setResponse(set: SetOutcome, words: AckVocabulary): OutSegment[] {
  const out: OutSegment[] = [{ id: 'AK2', elements: [set.setId, set.controlNumber] }];
  for (const error of set.segmentErrors) {
    out.push(segmentNote(error, words.segment));
    for (const elementError of error.elementErrors) out.push(elementNote(elementError, words.element));
  }
  out.push({ id: words.set, elements: [set.status, ...set.codes] });
  return out;
}

function segmentNote(error: SegmentError, id: string): OutSegment {
  return { id, elements: [error.segmentId, String(error.position), error.loopId, error.code] };
}

function elementNote(error: ElementError, id: string): OutSegment {
  const position = error.component
    ? [String(error.position), String(error.component)]
    : String(error.position);
  return { id, elements: [position, error.elementNumber, error.code, error.data?.slice(0, 99)] };
}
