import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { errorFrom, failFrom, serverApi } from '$lib/server/api';
import { listingFromForm } from '$lib/server/listing-form';

export const load: PageServerLoad = async (event) => {
  const listing = await serverApi(event).listings.get({ id: event.params.id }).catch(errorFrom);
  if (!listing.isMine) error(403, 'This listing belongs to another seller');
  return { listing };
};

export const actions: Actions = {
  save: async (event) => {
    const data = await event.request.formData();
    try {
      await serverApi(event).listings.update({ id: event.params.id, expectedVersion: Number(data.get('expectedVersion')), ...listingFromForm(data) });
    } catch (err) {
      return failFrom(err, Object.fromEntries([...data.entries()].filter(([, v]) => typeof v === 'string')));
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
