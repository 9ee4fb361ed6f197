/**
 * The in-memory records a simulator holds, by collection, in insertion order — what the control API lets a test
 * inspect ("every invoice the ERP holds"). Each simulator mints ids in its vendor's own format.
 */

/** One collection of records keyed by their id. */
export class Collection<T extends object> {
  private readonly byId = new Map<string, T>();

  constructor(readonly name: string) {}

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  /** Stores (or replaces) a record. */
  put(id: string, record: T): T {
    this.byId.set(id, record);
    return record;
  }

  delete(id: string): boolean {
    return this.byId.delete(id);
  }

  /** Every record, oldest first. */
  all(): T[] {
    return [...this.byId.values()];
  }

  /** The first record matching `predicate`. */
  find(predicate: (record: T) => boolean): T | undefined {
    for (const record of this.byId.values()) if (predicate(record)) return record;
    return undefined;
  }

  filter(predicate: (record: T) => boolean): T[] {
    return this.all().filter(predicate);
  }

  get size(): number {
    return this.byId.size;
  }

  clear(): void {
    this.byId.clear();
  }
}

/** All collections of one simulator. */
export class Store {
  private readonly collections = new Map<string, Collection<object>>();
  private counters = new Map<string, number>();

  /** The named collection, created on first use. */
  collection<T extends object>(name: string): Collection<T> {
    let c = this.collections.get(name);
    if (!c) {
      c = new Collection<object>(name);
      this.collections.set(name, c);
    }
    return c as Collection<T>;
  }

  /** Names of the collections that exist. */
  names(): string[] {
    return [...this.collections.keys()];
  }

  /** The next number of a sequence (1, 2, 3 …), for vendor ids like NetSuite internal ids or "SO-1001". */
  next(sequence: string, start = 1): number {
    const n = this.counters.get(sequence) ?? start - 1;
    this.counters.set(sequence, n + 1);
    return n + 1;
  }

  /** Forgets every record and sequence. */
  clear(): void {
    this.collections.clear();
    this.counters = new Map();
  }
}
