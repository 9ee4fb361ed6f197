/**
 * Runs the mutations given to it one after another. FerretDB v1 applies an update as read-modify-write without
 * isolation, so two concurrent updates of one document can lose one of them (MongoDB cannot); queueing a store's
 * writes makes that impossible within a process. Across processes a lost history entry remains possible on FerretDB
 * v1 only, and only when two processes change the same record in the same instant.
 */
export function createWriteQueue(): <T>(write: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(write: () => Promise<T>): Promise<T> => {
    const run = tail.then(write, write);
    tail = run.catch(() => undefined);
    return run;
  };
}
