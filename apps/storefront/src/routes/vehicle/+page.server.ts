import { vehicleInput } from '@carparts/domain';
import type { Actions, PageServerLoad } from './$types';
import { failFrom, parseForm, typedValues } from '$lib/server/api';
import { myVehicle, rememberVehicle, vehicleFromForm } from '$lib/server/vehicle';

export const load: PageServerLoad = async (event) => ({ vehicle: await myVehicle(event) });

export const actions: Actions = {
  save: async (event) => {
    const data = await event.request.formData();
    const form = parseForm(vehicleInput, vehicleFromForm(data), typedValues(data));
    if (!form.ok) return form.failure;
    try {
      await rememberVehicle(event, form.value);
      return { saved: true };
    } catch (err) {
      return failFrom(err, typedValues(data));
    }
  },
  forget: async (event) => {
    await rememberVehicle(event, null);
    return { forgotten: true };
  },
};
