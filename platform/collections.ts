/** Names of the database collections the hub owns, in one place. */
export const COLLECTIONS = {
  smokeRuns: 'smoke_runs',
} as const;
