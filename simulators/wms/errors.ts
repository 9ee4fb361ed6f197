/** How the simulated ShipHero API refuses a GraphQL request. */
import { GraphQLError } from 'graphql';

/** A ShipHero-style GraphQL error (ShipHero puts a numeric `code` beside the message). */
export function fail(message: string, code: number): never {
  throw new GraphQLError(message, { extensions: { code } });
}
