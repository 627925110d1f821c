import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { addGarageVehicleInput } from '@carparts/domain';
import { failFrom, formInt, formText, parseForm, serverApi, typedValues } from '$lib/server/api';
import { cancelPurchase, inquiryActions } from '$lib/server/shared-actions';
import { findTown, noTownCalled } from '$lib/server/places';

export const load: PageServerLoad = async (event) => {
  const api = serverApi(event);
  const isBuyer = event.locals.user?.role === 'buyer';
  const [me, garage, purchases, inquiries, fitment] = await Promise.all([
    api.auth.me(),
    api.garage.list(),
    api.purchases.mine({ as: isBuyer ? 'buyer' : 'seller', limit: 50 }),
    api.inquiries.mine({ as: isBuyer ? 'buyer' : 'seller', limit: 50 }),
    isBuyer ? api.fitment.mine({ limit: 50 }) : Promise.resolve(null),
  ]);
  return { me, garage, purchases: purchases.items, inquiries: inquiries.items, fitment: fitment?.items ?? [], notice: event.url.searchParams.get('notice') };
};

export const actions: Actions = {
  rate: async (event) => {
    const data = await event.request.formData();
    const purchaseId = String(data.get('purchaseId') ?? '');
    try {
      await serverApi(event).ratings.create({ purchaseId, rating: formInt(data, 'rating') as number, reviewText: formText(data, 'reviewText') });
      return { rated: purchaseId };
    } catch (err) {
      return failFrom(err, { purchaseId, form: 'rate' });
    }
  },
  cancel: cancelPurchase,
  addVehicle: async (event) => {
    const data = await event.request.formData();
    const values = typedValues(data);
    const form = parseForm(addGarageVehicleInput, { name: formText(data, 'name') ?? '', make: formText(data, 'make') ?? '', model: formText(data, 'model') ?? '', year: formInt(data, 'year'), engine: formText(data, 'engine'), vinLast8: formText(data, 'vinLast8') }, { ...values, form: 'garage' });
    if (!form.ok) return form.failure;
    try {
      const api = serverApi(event);
      const town = formText(data, 'town');
      const place = town ? await findTown(api, town) : null;
      if (town && !place) return fail(400, { message: noTownCalled(town), fieldErrors: { town: ['Choose a town from the list'] }, values: { ...values, form: 'garage' } });
      await api.garage.add({ ...form.value, ...(place && { location: { placeId: place.placeId } }) });
      return { vehicleAdded: true };
    } catch (err) {
      return failFrom(err, { ...values, form: 'garage' });
    }
  },
  vehicleTown: async (event) => {
    const data = await event.request.formData();
    const id = String(data.get('id') ?? '');
    const values = { town: formText(data, 'town') ?? '', form: `town-${id}` };
    try {
      const api = serverApi(event);
      const place = values.town ? await findTown(api, values.town) : null;
      if (values.town && !place) return fail(400, { message: noTownCalled(values.town), fieldErrors: {}, values });
      await api.garage.update({ id, location: place ? { placeId: place.placeId } : null });
      return { vehicleTownSaved: id };
    } catch (err) {
      return failFrom(err, values);
    }
  },
  activateVehicle: async (event) => {
    const data = await event.request.formData();
    try {
      await serverApi(event).garage.setActive({ id: String(data.get('id') ?? '') });
      return { vehicleActivated: true };
    } catch (err) {
      return failFrom(err);
    }
  },
  removeVehicle: async (event) => {
    const data = await event.request.formData();
    try {
      await serverApi(event).garage.remove({ id: String(data.get('id') ?? '') });
      return { vehicleRemoved: true };
    } catch (err) {
      return failFrom(err);
    }
  },
  ...inquiryActions,
  profile: async (event) => {
    const data = await event.request.formData();
    const values = { displayName: String(data.get('displayName') ?? ''), phoneNumber: formText(data, 'phoneNumber') ?? null };
    try {
      await serverApi(event).auth.updateProfile(values);
      return { profileSaved: true };
    } catch (err) {
      return failFrom(err, { ...values, form: 'profile' });
    }
  },
  location: async (event) => {
    const data = await event.request.formData();
    const values = { town: formText(data, 'town') ?? '', postalCode: formText(data, 'postalCode') ?? '', form: 'location' };
    try {
      const api = serverApi(event);
      if (!values.town) {
        await api.auth.updateProfile({ location: null });
        return { locationSaved: true };
      }
      const place = await findTown(api, values.town);
      if (!place) return fail(400, { message: noTownCalled(values.town), fieldErrors: {}, values });
      await api.auth.updateProfile({ location: { placeId: place.placeId, postalCode: values.postalCode || null } });
      return { locationSaved: true };
    } catch (err) {
      return failFrom(err, values);
    }
  },
  confirmEmail: async (event) => {
    try {
      await serverApi(event).auth.requestEmailConfirmation();
      return { confirmationRequested: true };
    } catch (err) {
      return failFrom(err, { form: 'confirmEmail' });
    }
  },
  password: async (event) => {
    const data = await event.request.formData();
    try {
      // ends every other session of the account; this browser gets a fresh one
      await serverApi(event).auth.changePassword({ currentPassword: String(data.get('currentPassword') ?? ''), newPassword: String(data.get('newPassword') ?? '') });
      return { passwordChanged: true };
    } catch (err) {
      return failFrom(err, { form: 'password' });
    }
  },
};
