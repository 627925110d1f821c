import type { Actions, PageServerLoad } from './$types';
import { failFrom, formInt, formText } from '$lib/server/api';
import { myVehicle, rememberVehicle } from '$lib/server/vehicle';
import { vehicleInput } from '@carparts/domain';
import { TRPCError } from '@trpc/server';

export const load: PageServerLoad = async (event) => ({ vehicle: await myVehicle(event) });

export const actions: Actions = {
  save: async (event) => {
    const data = await event.request.formData();
    const raw = { vehicleMake: formText(data, 'vehicleMake') ?? '', vehicleModel: formText(data, 'vehicleModel') ?? '', vehicleYear: formInt(data, 'vehicleYear') as number, vinLast8: formText(data, 'vinLast8') };
    const parsed = vehicleInput.safeParse(raw);
    try {
      if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Invalid vehicle', cause: parsed.error });
      await rememberVehicle(event, parsed.data);
      return { saved: true };
    } catch (err) {
      return failFrom(err, raw);
    }
  },
  forget: async (event) => {
    await rememberVehicle(event, null);
    return { forgotten: true };
  },
};
