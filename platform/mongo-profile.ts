import { writeFileSync } from 'node:fs';
import type { CommandStartedEvent, CommandSucceededEvent, MongoClient } from 'mongodb';

/** What one command shape cost: how often it ran and its total and slowest duration. */
export interface CommandCost {
  shape: string;
  count: number;
  totalMs: number;
  maxMs: number;
}

const FILTER_KEYS: Record<string, string> = { find: 'filter', count: 'query', findAndModify: 'query' };

/** The keys of a filter with their operators, values dropped: `{status,flow:$in}`. */
function filterShape(filter: unknown): string {
  if (!filter || typeof filter !== 'object') return '';
  return Object.entries(filter as Record<string, unknown>)
    .map(([key, value]) =>
      value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
        ? `${key}:${Object.keys(value).join('|')}`
        : key,
    )
    .join(',');
}

/** `find stock_ledger {sku,location}`: the command, its collection, and the shape of what it selects. */
export function commandShape(command: Record<string, unknown>, name: string): string {
  const target = command[name];
  const collection = typeof target === 'string' ? target : typeof target === 'number' ? `cursor` : '';
  const key = FILTER_KEYS[name];
  let filter: unknown = key ? command[key] : undefined;
  if (name === 'update' || name === 'delete') {
    const ops = command[name === 'update' ? 'updates' : 'deletes'] as { q?: unknown }[] | undefined;
    filter = ops?.[0]?.q;
  }
  if (name === 'aggregate') {
    const match = (command.pipeline as Record<string, unknown>[] | undefined)?.find((s) => '$match' in s);
    filter = match?.$match;
  }
  return `${name} ${collection} {${filterShape(filter)}}`;
}

/**
 * A diagnostic for the local stack (HUB_MONGO_PROFILE=<file>): counts every command by shape with its time and
 * writes the costliest to `<file>.<pid>.json` every few seconds. FerretDB's SQLite backend reads a whole collection
 * for any filter other than a lone `_id`, so the shapes that grow with the data show up at the top.
 */
export function profileCommands(client: MongoClient, file: string, everyMs = 5_000): () => void {
  const started = new Map<number, { shape: string; at: number }>();
  const costs = new Map<string, CommandCost>();
  client.on('commandStarted', (e: CommandStartedEvent) => {
    started.set(e.requestId, { shape: commandShape(e.command, e.commandName), at: performance.now() });
  });
  const finish = (e: { requestId: number }) => {
    const s = started.get(e.requestId);
    if (!s) return;
    started.delete(e.requestId);
    const ms = performance.now() - s.at;
    const cost = costs.get(s.shape) ?? { shape: s.shape, count: 0, totalMs: 0, maxMs: 0 };
    cost.count++;
    cost.totalMs += ms;
    cost.maxMs = Math.max(cost.maxMs, ms);
    costs.set(s.shape, cost);
  };
  client.on('commandSucceeded', (e: CommandSucceededEvent) => finish(e));
  client.on('commandFailed', finish);
  const write = () => {
    const top = [...costs.values()].sort((a, b) => b.totalMs - a.totalMs).slice(0, 60);
    const rounded = top.map((c) => ({ ...c, totalMs: Math.round(c.totalMs), maxMs: Math.round(c.maxMs) }));
    writeFileSync(`${file}.${process.pid}.json`, JSON.stringify(rounded, null, 1));
  };
  const timer = setInterval(write, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    write();
  };
}
