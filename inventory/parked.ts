/**
 * Parking messages the inventory flow cannot use: the original bytes (base64, and as text for people) with where
 * they came from and why, in the hub's dead-letter store (flow `inventory-sync`) and, for the movement stream, on
 * the dead-letter topic with the original key, value and headers plus `dlq-*` reason headers. Parking the same
 * delivery twice (a redelivery after a crash) adds nothing to the store.
 */
import type { Message } from 'node-rdkafka';
import type { DeadLetterStore } from '../platform/dead-letters';
import type { FieldError, HubErrorKind } from '../platform/errors';
import type { EventProducer } from '../platform/kafka';
import { truncateUtf8 } from '../platform/utf8';
import type { HubLogger } from '../monitoring/logger';

/** The dead-letter flow of the inventory synchronisation. */
export const INVENTORY_FLOW = 'inventory-sync';

/** Why a message is parked instead of used. */
export interface Refusal {
  kind: HubErrorKind;
  message: string;
  fieldErrors?: FieldError[];
}

/** Where a message was read: `<topic>/<partition>/<offset>`. */
export function deliveryOf(message: Message): string {
  return `${message.topic}/${message.partition}/${message.offset}`;
}

/** The message exactly as it came (bytes in base64, and as text for people), with where it came from. */
export function originalOf(message: Message) {
  const key = message.key;
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    ...(key === undefined || key === null ? {} : { key: Buffer.isBuffer(key) ? key.toString('utf8') : key }),
    ...(message.timestamp === undefined ? {} : { timestamp: message.timestamp }),
    // A list: a header name may hold "." or "$", which are not safe document keys.
    headers: Object.entries(headersOf(message)).map(([name, value]) => ({ name, value })),
    valueBase64: message.value ? message.value.toString('base64') : null,
    valueText: message.value ? message.value.toString('utf8') : null,
  };
}

/** The message's headers as text, in order (a repeated name keeps its last value). */
export function headersOf(message: Message): Record<string, string> {
  const out: Record<string, string> = {};
  for (const header of message.headers ?? []) {
    for (const [name, value] of Object.entries(header)) {
      out[name] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
    }
  }
  return out;
}

/** What parking needs to know about the message beyond its bytes. */
export interface ParkInput {
  step: string;
  activityType: string;
  message: Message;
  correlationId: string;
  /** Business numbers the record can be found by (movement id, SKU, location), as far as they could be read. */
  keys: Record<string, string>;
  refusal: Refusal;
}

/** Records a parked message in the dead-letter store (one record per delivery). */
export async function recordParked(deadLetters: Pick<DeadLetterStore, 'record'>, input: ParkInput) {
  const delivery = deliveryOf(input.message);
  return deadLetters.record({
    flow: INVENTORY_FLOW,
    step: input.step,
    businessKeys: input.keys,
    correlationId: input.correlationId,
    // No workflow waits on it. One record per delivery, so each parked message keeps its own bytes; a redelivery
    // of the same offset finds its record (same failure id). The movement id is a business key to find it by.
    workflowId: `kafka:${delivery}`,
    runId: `kafka:${delivery}`,
    activityType: input.activityType,
    payload: originalOf(input.message),
    error: {
      kind: input.refusal.kind,
      type: 'HubError',
      message: input.refusal.message,
      ...(input.refusal.fieldErrors?.length ? { fieldErrors: input.refusal.fieldErrors } : {}),
    },
    attempts: 1,
    failureId: delivery,
  });
}

/** Header names the dead-letter topic adds to the original headers. */
export const DLQ_HEADERS = {
  reason: 'dlq-reason',
  kind: 'dlq-error-kind',
  fieldErrors: 'dlq-field-errors',
  source: 'dlq-source',
  flow: 'dlq-flow',
  step: 'dlq-step',
  deadLetterId: 'dlq-dead-letter-id',
} as const;

const HEADER_LIMIT = 4096;

/** Produces the original key, bytes and headers to `topic` with the reason in `dlq-*` headers. */
export async function produceParked(
  producer: Pick<EventProducer, 'send'>,
  topic: string,
  input: ParkInput & { deadLetterId: string },
): Promise<void> {
  const { message, refusal } = input;
  const key = message.key;
  const headers: Record<string, string> = {
    ...headersOf(message),
    [DLQ_HEADERS.reason]: truncateUtf8(refusal.message, HEADER_LIMIT),
    [DLQ_HEADERS.kind]: refusal.kind,
    [DLQ_HEADERS.fieldErrors]: truncateUtf8(
      JSON.stringify((refusal.fieldErrors ?? []).slice(0, 20)),
      HEADER_LIMIT,
    ),
    [DLQ_HEADERS.source]: deliveryOf(message),
    [DLQ_HEADERS.flow]: INVENTORY_FLOW,
    [DLQ_HEADERS.step]: input.step,
    [DLQ_HEADERS.deadLetterId]: input.deadLetterId,
  };
  await producer.send(
    topic,
    key === undefined || key === null
      ? deliveryOf(message)
      : Buffer.isBuffer(key)
        ? key.toString('utf8')
        : key,
    message.value ?? Buffer.alloc(0),
    headers,
  );
}

/** What parking a message of the movement stream needs. */
export interface ParkDeps {
  deadLetters: Pick<DeadLetterStore, 'record'>;
  producer: Pick<EventProducer, 'send'>;
  /** The dead-letter topic the parked message goes to. */
  dlqTopic: string;
  logger: HubLogger;
}

/**
 * A parker for one consumer's step: the dead-letter store first (a redelivery after a crash finds the record, same
 * failure id, and adds nothing to it), then the dead-letter topic with the record's id, then one warning line.
 */
export function parkerOf(deps: ParkDeps, step: string, activityType: string, logMessage: string) {
  return async (message: Message, correlationId: string, keys: Record<string, string>, refusal: Refusal) => {
    const input = { step, activityType, message, correlationId, keys, refusal };
    const record = await recordParked(deps.deadLetters, input);
    await produceParked(deps.producer, deps.dlqTopic, { ...input, deadLetterId: record._id });
    deps.logger.warn(
      {
        deadLetterId: record._id,
        ...keys,
        kind: refusal.kind,
        reason: refusal.message,
        delivery: deliveryOf(message),
      },
      logMessage,
    );
  };
}
