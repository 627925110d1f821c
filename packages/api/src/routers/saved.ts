import { createSavedSearchInput, savedSearchIdInput, watchInput, watchlistInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { createSavedSearch, listSavedSearches, listWatched, removeSavedSearch, unwatchListing, watchListing } from '../services/saved.ts';
import { authedProcedure } from '../trpc.ts';

/** Searches a person saved, to be told (at most daily) of new listings that match them. */
export const savedSearchesRouter = {
  list: authedProcedure.input(z.strictObject({}).optional()).query(({ ctx }) => listSavedSearches(ctx.db, ctx.user)),
  create: authedProcedure.input(createSavedSearchInput).mutation(({ ctx, input }) => createSavedSearch(ctx.db, ctx.user, input, ctx.now())),
  remove: authedProcedure.input(savedSearchIdInput).mutation(({ ctx, input }) => removeSavedSearch(ctx.db, ctx.user, input)),
} satisfies TRPCRouterRecord;

/** Listings a person watches, to be told when one drops in price, is reserved or is sold. */
export const watchlistRouter = {
  list: authedProcedure.input(watchlistInput).query(({ ctx, input }) => listWatched(ctx.db, ctx.user, input)),
  add: authedProcedure.input(watchInput).mutation(({ ctx, input }) => watchListing(ctx.db, ctx.user, input, ctx.now())),
  remove: authedProcedure.input(watchInput).mutation(({ ctx, input }) => unwatchListing(ctx.db, ctx.user, input)),
} satisfies TRPCRouterRecord;
