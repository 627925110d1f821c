import { placeIdInput, placesSearchInput, DomainError } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { placeById, searchPlaces } from '../services/places.ts';
import { publicProcedure } from '../trpc.ts';

export const placesRouter = {
  /** Towns whose name starts with `q` (accents and case ignored), the largest first, optionally in one country. */
  search: publicProcedure.input(placesSearchInput).query(({ input }) => searchPlaces(input)),
  /** One town of the gazetteer by its id. */
  get: publicProcedure.input(placeIdInput).query(async ({ input }) => {
    const place = await placeById(input.placeId);
    if (!place) throw new DomainError('NOT_FOUND', 'Place not found');
    return place;
  }),
} satisfies TRPCRouterRecord;
