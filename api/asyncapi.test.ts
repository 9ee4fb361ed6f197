import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import { createCanonicalAjv } from '../canonical-model/validate';
import { TOPICS } from '../platform/kafka-topics';

// The AsyncAPI document against the topics the hub declares and the schemas its payloads name.
const here = path.dirname(fileURLToPath(import.meta.url));
const doc = parse(readFileSync(path.join(here, 'asyncapi.yaml'), 'utf8')) as AsyncApi;

type Node = Record<string, unknown>;
interface Channel {
  address: string;
  messages: Record<string, Node>;
  bindings?: { kafka?: { partitions?: number; topicConfiguration?: Record<string, unknown> } };
}
interface AsyncApi {
  asyncapi: string;
  channels: Record<string, Channel>;
  operations: Record<string, { action: string; channel: { $ref: string } }>;
  components: Node;
}

/** The node a local `#/…` reference points at (undefined when it points nowhere). */
function local(ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, token) => (node as Node | undefined)?.[token], doc);
}

/** `node` with local references replaced by what they point at (a message, a payload, its parts). */
function inline(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(inline);
  if (!node || typeof node !== 'object') return node;
  const ref = (node as Node).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) return inline(local(ref));
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v)]));
}

/** Every `$ref` in the document with where it sits. */
function refs(node: unknown, at = ''): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((n, i) => refs(n, `${at}/${i}`));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === '$ref' && typeof v === 'string' ? [[at, v] as [string, string]] : refs(v, `${at}/${k}`),
  );
}

const ajv = createCanonicalAjv();
const messages = Object.entries(doc.channels).flatMap(([channel, c]) =>
  Object.entries(c.messages).map(([name, m]) => ({ channel, name, message: inline(m) as Node })),
);

/** Compiles a message payload: a canonical schema by its file, or an inline schema. */
function compilePayload(payload: Node) {
  if (payload.schemaFormat === undefined) return ajv.compile(payload);
  expect(payload.schemaFormat).toBe('application/schema+json;version=2020-12');
  const ref = (payload.schema as Node).$ref as string;
  const file = path.resolve(here, ref);
  expect(existsSync(file), `${ref} does not exist`).toBe(true);
  const schema = JSON.parse(readFileSync(file, 'utf8')) as { $id: string };
  const validate = ajv.getSchema(schema.$id);
  if (!validate) throw new Error(`${ref}: ajv does not know ${schema.$id}`);
  return validate;
}

describe('api/asyncapi.yaml', () => {
  it('is an AsyncAPI 3.0 document whose every reference resolves', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    for (const [at, ref] of refs(doc)) {
      if (ref.startsWith('#/')) expect(local(ref), `${at}: ${ref}`).toBeDefined();
      else expect(existsSync(path.resolve(here, ref)), `${at}: ${ref}`).toBe(true);
    }
  });

  it('documents exactly the topics of platform/kafka-topics.ts, with their partitions and retention', () => {
    const documented = Object.values(doc.channels).map((c) => c.address);
    const declared = Object.values(TOPICS).map((t) => t.name);
    expect([...documented].sort()).toEqual([...declared].sort());
    for (const topic of Object.values(TOPICS)) {
      const channel = Object.values(doc.channels).find((c) => c.address === topic.name);
      const kafka = channel?.bindings?.kafka;
      expect(kafka?.partitions, topic.name).toBe(topic.partitions);
      expect(String(kafka?.topicConfiguration?.['retention.ms']), topic.name).toBe(
        topic.config['retention.ms'],
      );
    }
  });

  it('has an operation on every channel, and every operation names a channel', () => {
    const used = new Set(Object.values(doc.operations).map((o) => o.channel.$ref));
    for (const name of Object.keys(doc.channels)) expect(used, name).toContain(`#/channels/${name}`);
    for (const [name, o] of Object.entries(doc.operations)) {
      expect(['send', 'receive'], name).toContain(o.action);
      expect(local(o.channel.$ref), name).toBeDefined();
    }
  });

  it('gives every message a key, a payload schema that exists and compiles, and headers that compile', () => {
    expect(messages.length).toBeGreaterThanOrEqual(Object.keys(TOPICS).length);
    for (const { channel, name, message } of messages) {
      const where = `${channel}/${name}`;
      expect(message.payload, where).toBeTypeOf('object');
      expect(() => compilePayload(message.payload as Node), where).not.toThrow();
      if (message.headers) expect(() => ajv.compile(message.headers as Node), where).not.toThrow();
      const key = (message.bindings as { kafka?: { key?: Node } } | undefined)?.kafka?.key;
      expect(key?.type, `${where} has no Kafka key`).toBe('string');
    }
  });

  it('describes the lifecycle event as its schema does: the canonical fixture passes, a bad one does not', () => {
    const lifecycle = messages.find((m) => m.channel === 'lifecycleEvents');
    const validate = compilePayload(lifecycle?.message.payload as Node);
    const event = loadFixture('lifecycle-event');
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    // A shipped event must say which shipment.
    const unnumbered: Partial<typeof event> = { ...event };
    delete unnumbered.shipmentNumber;
    expect(validate(unnumbered)).toBe(false);
    expect(validate({ ...event, eventType: 'sales-order.teleported' })).toBe(false);
  });
});
