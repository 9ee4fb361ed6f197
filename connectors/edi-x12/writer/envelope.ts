/**
 * Wraps transaction-set bodies in ST/SE, GS/GE and ISA/IEA for one trading partner. Control numbers are inputs:
 * the caller reserves them from a persisted sequence before writing, so a crash after reserving can waste a number
 * but never reuse one. Counts (SE01, GE01, IEA01) are computed here and nowhere else.
 */
import { HubError } from '../../../platform/errors';
import type { OutboundDelimiters, TradingPartnerProfile } from '../partner';
import type { Delimiters, OutSegment } from '../x12/types';
import { creationStamp } from './creation-stamp';
import { checkId, formatIsa, usesRepetitionSeparator } from './format-isa';
import { functionalIdOf } from './functional-ids';
import { serializeSegments } from './serialize-segments';
import { validateDelimiters } from './validate-delimiters';

/** One transaction set to send: its id, its reserved ST02, and its segments between ST and SE. */
export interface OutboundSet {
  setId: string;
  controlNumber: number;
  /** The set body; ST and SE are added here. */
  body: OutSegment[];
}

/** One functional group to send: its reserved GS06 and its sets (all of one functional id). */
export interface OutboundGroup {
  controlNumber: number;
  sets: OutboundSet[];
}

/** The profile fields the envelope is written from. */
export type EnvelopeProfile = Pick<
  TradingPartnerProfile,
  'us' | 'partner' | 'interchangeVersion' | 'groupVersion' | 'delimiters' | 'usage' | 'timeZone'
>;

/** Everything one interchange is built from. */
export interface EnvelopeInput {
  profile: EnvelopeProfile;
  /** ISA13/IEA02, reserved by the caller. */
  interchangeControlNumber: number;
  /** When the interchange is created; written in the partner's time zone. */
  createdAt: Date;
  /** ISA14: ask the partner for a TA1. */
  ackRequested?: boolean;
  /** A TA1 interchange acknowledgement, written right after the ISA (an interchange may hold only a TA1). */
  ta1?: OutSegment;
  groups: OutboundGroup[];
}

/** What was written, with the control numbers as they appear on the wire (for 997 correlation). */
export interface Interchange {
  text: string;
  controlNumber: string;
  groups: {
    functionalId: string;
    controlNumber: string;
    sets: { setId: string; controlNumber: string; segmentCount: number }[];
  }[];
}

const ENVELOPE_IDS = new Set(['ISA', 'IEA', 'GS', 'GE', 'ST', 'SE', 'TA1']);

function fail(path: string, message: string): never {
  throw new HubError('data', `cannot write the interchange: ${path} ${message}`, {
    fieldErrors: [{ path, message }],
  });
}

function controlNumber(value: number, path: string): void {
  if (!Number.isInteger(value) || value < 1 || value > 999_999_999) {
    fail(path, `must be a whole number from 1 to 999999999 (${value})`);
  }
}

/** The delimiters actually written: the repetition separator only exists from version 00402 on. */
export function writtenDelimiters(configured: OutboundDelimiters, interchangeVersion: string): Delimiters {
  const { element, component, segment, suffix } = configured;
  return usesRepetitionSeparator(interchangeVersion) && configured.repetition
    ? { element, component, segment, suffix, repetition: configured.repetition }
    : { element, component, segment, suffix };
}

/** Builds the interchange text; throws a `data` HubError naming the first input that cannot be written. */
export function envelope(input: EnvelopeInput): Interchange {
  const { profile } = input;
  const delimiters = writtenDelimiters(profile.delimiters, profile.interchangeVersion);
  validateDelimiters(delimiters);
  controlNumber(input.interchangeControlNumber, 'interchangeControlNumber');
  if (!input.groups.length && !input.ta1)
    fail('groups', 'must hold at least one functional group (or a TA1)');
  if (input.ta1 && input.ta1.id !== 'TA1') fail('ta1', `must be a TA1 segment, not ${input.ta1.id}`);
  checkId(profile.us.gsId, 'profile.us.gsId', 2, 15, delimiters);
  checkId(profile.partner.gsId, 'profile.partner.gsId', 2, 15, delimiters);
  checkId(profile.groupVersion, 'profile.groupVersion', 1, 12, delimiters);
  const stamp = creationStamp(input.createdAt, profile.timeZone);
  const isa = formatIsa(
    {
      senderQualifier: profile.us.isa.qualifier,
      senderId: profile.us.isa.id,
      receiverQualifier: profile.partner.isa.qualifier,
      receiverId: profile.partner.isa.id,
      date: stamp.shortDate,
      time: stamp.time,
      version: profile.interchangeVersion,
      controlNumber: input.interchangeControlNumber,
      ackRequested: input.ackRequested ?? false,
      usage: profile.usage,
    },
    delimiters,
  );
  const isa13 = String(input.interchangeControlNumber).padStart(9, '0');
  const segments: OutSegment[] = input.ta1 ? [input.ta1] : [];
  const groups: Interchange['groups'] = [];
  const groupNumbers = new Set<number>();
  input.groups.forEach((group, g) => {
    const at = `groups[${g}]`;
    controlNumber(group.controlNumber, `${at}.controlNumber`);
    if (groupNumbers.has(group.controlNumber)) fail(`${at}.controlNumber`, 'is used by another group');
    groupNumbers.add(group.controlNumber);
    if (!group.sets.length) fail(`${at}.sets`, 'must hold at least one transaction set');
    const functionalId = functionalIdOf(group.sets[0]!.setId);
    if (!functionalId)
      fail(`${at}.sets[0].setId`, `${JSON.stringify(group.sets[0]!.setId)} is not a set the hub writes`);
    const gs06 = String(group.controlNumber);
    segments.push({
      id: 'GS',
      elements: [
        functionalId,
        profile.us.gsId,
        profile.partner.gsId,
        stamp.date,
        stamp.time,
        gs06,
        'X',
        profile.groupVersion,
      ],
    });
    const written: Interchange['groups'][number] = { functionalId, controlNumber: gs06, sets: [] };
    const setNumbers = new Set<number>();
    group.sets.forEach((set, s) => {
      const path = `${at}.sets[${s}]`;
      if (functionalIdOf(set.setId) !== functionalId)
        fail(`${path}.setId`, `${set.setId} does not belong in a ${functionalId} group`);
      controlNumber(set.controlNumber, `${path}.controlNumber`);
      if (setNumbers.has(set.controlNumber))
        fail(`${path}.controlNumber`, 'is used by another set in the group');
      setNumbers.add(set.controlNumber);
      const envelopeSegment = set.body.find((segment) => ENVELOPE_IDS.has(segment.id));
      if (envelopeSegment) fail(`${path}.body`, `must not contain an ${envelopeSegment.id} segment`);
      const st02 = String(set.controlNumber).padStart(4, '0');
      const segmentCount = set.body.length + 2;
      segments.push({ id: 'ST', elements: [set.setId, st02] }, ...set.body, {
        id: 'SE',
        elements: [String(segmentCount), st02],
      });
      written.sets.push({ setId: set.setId, controlNumber: st02, segmentCount });
    });
    segments.push({ id: 'GE', elements: [String(group.sets.length), gs06] });
    groups.push(written);
  });
  segments.push({ id: 'IEA', elements: [String(input.groups.length), isa13] });
  const text = isa + delimiters.suffix + serializeSegments(segments, delimiters);
  return { text, controlNumber: isa13, groups };
}
