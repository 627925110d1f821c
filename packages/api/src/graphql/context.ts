import { TRPCError } from '@trpc/server';
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import type { ApiContext } from '../context.ts';
import { createCaller, type RouterOutputs } from '../root.ts';
import { sellersByIds } from '../services/accounts.ts';
import { listingFactsOf, type ListingFacts } from '../services/listing-facts.ts';
import { photosOfListings } from '../services/photos.ts';
import { describeError } from '../trpc.ts';
import { logError, logEvent } from '../log.ts';

type Caller = ReturnType<typeof createCaller>;
type SellerBasics = NonNullable<ReturnType<Awaited<ReturnType<typeof sellersByIds>>['get']>>;

export interface GraphqlContext {
  api: ApiContext;
  /** Runs a procedure through the router's caller: the same input schema, middleware and services as tRPC and REST. */
  call<T>(run: (caller: Caller) => Promise<T>): Promise<T>;
  loaders: ReturnType<typeof makeLoaders>;
}

/** GraphQL names the page arguments `first` and `after`; the procedures call them `limit` and `cursor`. */
const GRAPHQL_NAMES: Record<string, string> = { limit: 'first', cursor: 'after' };

/** A procedure's failure as a GraphQL error with the same code, message and field errors as the other doors. */
export function graphqlErrorFrom(error: unknown): GraphQLError {
  const trpcError = error instanceof TRPCError ? error : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error });
  const { message, fieldErrors } = describeError(trpcError);
  const renamed = fieldErrors && Object.fromEntries(Object.entries(fieldErrors).map(([field, messages]) => [GRAPHQL_NAMES[field] ?? field, messages]));
  const readable = Object.entries(GRAPHQL_NAMES).reduce((text, [from, to]) => text.replace(new RegExp(`\\b${from}:`, 'g'), `${to}:`), message);
  return new GraphQLError(readable, { extensions: { code: trpcError.code, fieldErrors: renamed }, originalError: trpcError.code === 'INTERNAL_SERVER_ERROR' ? trpcError : undefined });
}

/**
 * Per-request loaders, so that a page of results asking for its sellers, photos or page-only facts costs a fixed
 * number of statements whatever the page size: sellers in one, photos in two, facts in three. A seller's response
 * rate comes from the profile procedure, once per seller and cached for the request.
 */
function makeLoaders(api: ApiContext, caller: Caller) {
  return {
    seller: new DataLoader<string, SellerBasics>(async (ids) => {
      const found = await sellersByIds(api.db, ids);
      return ids.map((id) => found.get(id) ?? new GraphQLError('Seller not found', { extensions: { code: 'NOT_FOUND' } }));
    }),
    photos: new DataLoader<string, RouterOutputs['photos']['list']>(async (ids) => {
      const found = await photosOfListings(api.db, api.user, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    facts: new DataLoader<string, ListingFacts>(async (ids) => {
      const found = await listingFactsOf(api.db, api.user, ids);
      return ids.map((id) => found.get(id) ?? new GraphQLError('Listing not found', { extensions: { code: 'NOT_FOUND' } }));
    }),
    profile: new DataLoader<string, RouterOutputs['users']['profile']>((ids) => Promise.all(ids.map((userId) => caller.users.profile({ userId }).catch(graphqlErrorFrom)))),
  };
}

export function graphqlContext(api: ApiContext): GraphqlContext {
  const caller = createCaller(api);
  return {
    api,
    async call(run) {
      try {
        return await run(caller);
      } catch (error) {
        const failure = graphqlErrorFrom(error);
        const code = failure.extensions.code;
        if (code === 'INTERNAL_SERVER_ERROR') logError('api.error', error, { door: 'graphql', requestId: api.meta.requestId });
        else if (code === 'FORBIDDEN' || code === 'TOO_MANY_REQUESTS') {
          logEvent('api.refused', { door: 'graphql', code, userId: api.user?.id ?? null, ip: api.meta.clientAddress, requestId: api.meta.requestId });
        }
        throw failure;
      }
    },
    loaders: makeLoaders(api, caller),
  };
}
