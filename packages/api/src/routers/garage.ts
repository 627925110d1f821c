import { addGarageVehicleInput, garageVehicleIdInput, updateGarageVehicleInput } from '@carparts/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { addGarageVehicle, garageOf, removeGarageVehicle, setActiveGarageVehicle, updateGarageVehicle } from '../services/garage.ts';
import { authedProcedure } from '../trpc.ts';

/** A signed-in person's vehicles: up to ten, one active, the one every fit badge is for. */
export const garageRouter = {
  list: authedProcedure.query(({ ctx }) => garageOf(ctx.db, ctx.user.id)),
  add: authedProcedure.input(addGarageVehicleInput).mutation(({ ctx, input }) => addGarageVehicle(ctx.db, ctx.user.id, input, ctx.now())),
  update: authedProcedure.input(updateGarageVehicleInput).mutation(({ ctx, input }) => updateGarageVehicle(ctx.db, ctx.user.id, input, ctx.now())),
  remove: authedProcedure.input(garageVehicleIdInput).mutation(({ ctx, input }) => removeGarageVehicle(ctx.db, ctx.user.id, input.id, ctx.now())),
  setActive: authedProcedure.input(garageVehicleIdInput).mutation(({ ctx, input }) => setActiveGarageVehicle(ctx.db, ctx.user.id, input.id, ctx.now())),
} satisfies TRPCRouterRecord;
