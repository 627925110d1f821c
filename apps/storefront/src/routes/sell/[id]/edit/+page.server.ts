import { updateListingInput } from '@carparts/domain';
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { errorFrom, failFrom, formInt, parseForm, serverApi, typedValues } from '$lib/server/api';
import { listingFromForm, siteFromForm } from '$lib/server/listing-form';

export const load: PageServerLoad = async (event) => {
  const api = serverApi(event);
  const [listing, knownVehicles] = await Promise.all([api.listings.get({ id: event.params.id }).catch(errorFrom), api.listings.knownVehicles()]);
  if (!listing.isMine) error(403, 'This listing belongs to another seller');
  return { listing, knownVehicles };
};

export const actions: Actions = {
  save: async (event) => {
    const data = await event.request.formData();
    const site = await siteFromForm(data, serverApi(event));
    if (!site.ok) return site.failure;
    const form = parseForm(updateListingInput, { id: event.params.id, expectedVersion: formInt(data, 'expectedVersion'), ...listingFromForm(data), site: site.site }, typedValues(data));
    if (!form.ok) return form.failure;
    try {
      await serverApi(event).listings.update(form.value);
    } catch (err) {
      return failFrom(err, typedValues(data));
    }
    redirect(303, `/listings/${event.params.id}`);
  },
  setStatus: async (event) => {
    const data = await event.request.formData();
    try {
      await serverApi(event).listings.setStatus({ id: event.params.id, status: data.get('status') === 'active' ? 'active' : 'withdrawn' });
      return { statusChanged: true };
    } catch (err) {
      return failFrom(err);
    }
  },
};
