import { vehicleInput, type VehicleInput } from '@carparts/domain';
import type { RequestEvent } from '@sveltejs/kit';
import { formInt, formText, serverApi } from './api';

const COOKIE = 'my_vehicle';

/**
 * "My vehicle": the active vehicle of the garage when signed in, in a cookie otherwise. A page that has read the
 * signed-in account already passes it (`me`), so it is not read twice.
 */
export async function myVehicle(event: RequestEvent, account?: Pick<Awaited<ReturnType<ReturnType<typeof serverApi>['auth']['me']>>, 'vehicle'>): Promise<VehicleInput | null> {
  if (event.locals.user) {
    const me = account ?? (await serverApi(event).auth.me());
    if (me.vehicle) return { vehicleMake: me.vehicle.vehicleMake, vehicleModel: me.vehicle.vehicleModel, vehicleYear: me.vehicle.vehicleYear, vinLast8: me.vehicle.vinLast8 ?? undefined };
    return null;
  }
  const raw = event.cookies.get(COOKIE);
  if (!raw) return null;
  try {
    const parsed = vehicleInput.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function rememberVehicle(event: RequestEvent, vehicle: VehicleInput | null) {
  if (event.locals.user) {
    await serverApi(event).auth.setVehicle({ vehicle });
    return;
  }
  if (vehicle) {
    const parsed = vehicleInput.parse(vehicle);
    event.cookies.set(COOKIE, JSON.stringify(parsed), { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365, secure: event.url.protocol === 'https:' });
  } else {
    event.cookies.delete(COOKIE, { path: '/' });
  }
}

/** The vehicle fields of a submitted form, before validation with the domain's vehicle schema. */
export function vehicleFromForm(data: FormData) {
  return {
    vehicleMake: formText(data, 'vehicleMake') ?? '',
    vehicleModel: formText(data, 'vehicleModel') ?? '',
    vehicleYear: formInt(data, 'vehicleYear'),
    vinLast8: formText(data, 'vinLast8'),
  };
}
