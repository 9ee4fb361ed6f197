/** Kafka message headers the hub reads and writes. */
import type { Message } from 'node-rdkafka';

/** Header that carries the correlation id of the request that caused an event, so consumers log under it too. */
export const CORRELATION_HEADER = 'correlation-id';

/** The text of header `name` of `message`, if present. */
export function headerValue(message: Message, name: string): string | undefined {
  for (const header of message.headers ?? []) {
    const value = header[name];
    if (value !== undefined) return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return undefined;
}
