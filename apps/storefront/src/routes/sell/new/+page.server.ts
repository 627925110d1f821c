import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { failFrom, serverApi } from '$lib/server/api';
import { listingFromForm } from '$lib/server/listing-form';

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    let id: string;
    try {
      ({ id } = await serverApi(event).listings.create(listingFromForm(data)));
    } catch (err) {
      return failFrom(err, Object.fromEntries([...data.entries()].filter(([, v]) => typeof v === 'string')));
    }
    redirect(303, `/sell/${id}/photos?created=1`);
  },
};
