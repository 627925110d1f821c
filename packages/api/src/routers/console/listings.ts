import { consoleListingsInput, listingIdInput, moderateListingInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { consoleListingDetail } from '../../services/listing-dossier.ts';
import { moderateListing } from '../../services/listings.ts';
import { consoleListings } from '../../services/search.ts';
import { operatorProcedure } from '../../trpc.ts';

export const consoleListingsRouter = {
  listings: operatorProcedure.input(consoleListingsInput).query(({ ctx, input }) => consoleListings(ctx.db, input)),
  listing: operatorProcedure.input(listingIdInput).query(({ ctx, input }) => consoleListingDetail(ctx.db, ctx.user, input.id, ctx.now())),
  moderateListing: operatorProcedure.input(moderateListingInput).mutation(({ ctx, input }) => moderateListing(ctx, input)),
} satisfies TRPCRouterRecord;
