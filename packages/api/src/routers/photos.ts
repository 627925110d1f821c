import { listPhotosInput, photoIdInput, updatePhotoInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { listPhotos, removePhoto, setPrimaryPhoto, updatePhoto, uploadPhoto } from '../services/photos.ts';
import { publicProcedure, sellerProcedure } from '../trpc.ts';

export const photosRouter = {
  /** multipart/form-data: `file`, `listingId`, optional `caption`, `angle`, `isPrimary`. */
  upload: sellerProcedure
    .input(z.instanceof(FormData, { message: 'Send the photo as multipart/form-data' }))
    .mutation(({ ctx, input }) => uploadPhoto(ctx.db, ctx.config, ctx.user, input, ctx.now())),

  remove: sellerProcedure.input(photoIdInput).mutation(({ ctx, input }) => removePhoto(ctx.db, ctx.config, ctx.user, input.photoId, ctx.now())),

  setPrimary: sellerProcedure.input(photoIdInput).mutation(({ ctx, input }) => setPrimaryPhoto(ctx.db, ctx.user, input.photoId, ctx.now())),

  update: sellerProcedure.input(updatePhotoInput).mutation(({ ctx, input }) => updatePhoto(ctx.db, ctx.user, input, ctx.now())),

  list: publicProcedure.input(listPhotosInput).query(({ ctx, input }) => listPhotos(ctx.db, ctx.user, input.listingId)),
} satisfies TRPCRouterRecord;
