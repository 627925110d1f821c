import {
  importCsvInput,
  createListingInput,
  line,
  listingIdInput,
  myListingsInput,
  searchListingsInput,
  setListingStatusInput,
  updateListingInput,
} from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { sellerListings, visibleListingPage } from '../services/listing-views.ts';
import { createListing, setListingStatusBySeller, updateListing } from '../services/listings.ts';
import { exportCsv, importCsv, importProgress } from '../services/inventory.ts';
import { searchListings } from '../services/search.ts';
import { knownVehicles, vehicleOptions } from '../services/vehicles.ts';
import { activeGarageVehicle, asBuyerVehicle } from '../services/garage.ts';
import { publicProcedure, sellerProcedure } from '../trpc.ts';

const editorView = (row: { id: string; status: string; version: number; updatedAt: Date }) => ({
  id: row.id,
  status: row.status,
  version: row.version,
  updatedAt: row.updatedAt,
});

export const listingsRouter = {
  search: publicProcedure
    .input(searchListingsInput)
    .query(async ({ ctx, input }) => {
      const active = input.fitFor || !ctx.user ? null : await activeGarageVehicle(ctx.db, ctx.user.id);
      return searchListings(ctx.db, input, input.fitFor ?? (active && asBuyerVehicle(active)));
    }),

  get: publicProcedure.input(listingIdInput).query(({ ctx, input }) => visibleListingPage(ctx.db, input.id, ctx.user, ctx.now())),

  /** Makes with active listings, or a make's models: the choices of the vehicle filter. */
  vehicleOptions: publicProcedure
    .input(z.strictObject({ make: line(40).optional() }))
    .query(({ ctx, input }) => vehicleOptions(ctx.db, input.make)),

  /** Every make and model with active listings: suggestions for the vehicles a seller types. */
  knownVehicles: publicProcedure.query(({ ctx }) => knownVehicles(ctx.db)),

  create: sellerProcedure.input(createListingInput).mutation(async ({ ctx, input }) => {
    const row = await createListing(ctx.db, ctx.user, input, ctx.now());
    return visibleListingPage(ctx.db, row.id, ctx.user, ctx.now());
  }),

  update: sellerProcedure.input(updateListingInput).mutation(async ({ ctx, input }) => {
    const row = await updateListing(ctx.db, ctx.user, input, ctx.now());
    return visibleListingPage(ctx.db, row.id, ctx.user, ctx.now());
  }),

  setStatus: sellerProcedure
    .input(setListingStatusInput)
    .mutation(async ({ ctx, input }) => editorView(await setListingStatusBySeller(ctx.db, ctx.user, input.id, input.status, ctx.now()))),

  mine: sellerProcedure.input(myListingsInput).query(({ ctx, input }) => sellerListings(ctx.db, ctx.user.id, input)),
  /** A yard's inventory file: checked row by row (`dryRun`), then imported by stock number (a second upload updates). */
  importCsv: sellerProcedure.input(importCsvInput).mutation(({ ctx, input }) => importCsv(ctx.db, ctx.user, input, ctx.now())),
  /** The seller's inventory in the import's format. */
  /** The seller's latest import while it runs (rows written of rows to write) and after; null before any. */
  importProgress: sellerProcedure.input(z.strictObject({}).optional()).query(({ ctx }) => importProgress(ctx.db, ctx.user)),
  exportCsv: sellerProcedure.input(z.strictObject({}).optional()).query(({ ctx }) => exportCsv(ctx.db, ctx.user)),
} satisfies TRPCRouterRecord;
