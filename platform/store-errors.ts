/** The errors every store raises for a missing record or a state that forbids the action; the API maps them. */

/** Thrown when a record with the given id does not exist; the API answers 404. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
  }
}

/** True for a NotFoundError from any store, recognised by name. */
export function isNotFoundError(err: unknown): err is NotFoundError {
  return (err as { name?: unknown } | null)?.name === 'NotFoundError';
}

/** Thrown when the record's status does not allow the action (replaying a resolved one); the API answers 409. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    message: string,
    readonly currentStatus: string,
  ) {
    super(message);
  }
}

/** True for a ConflictError from any store, recognised by name. */
export function isConflictError(err: unknown): err is ConflictError {
  return (err as { name?: unknown } | null)?.name === 'ConflictError';
}
