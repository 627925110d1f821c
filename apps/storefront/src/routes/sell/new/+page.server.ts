import { createListingInput } from '@carparts/domain';
import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { failFrom, parseForm, serverApi, typedValues } from '$lib/server/api';
import { listingFromForm } from '$lib/server/listing-form';

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const form = parseForm(createListingInput, listingFromForm(data), typedValues(data));
    if (!form.ok) return form.failure;
    let id: string;
    try {
      ({ id } = await serverApi(event).listings.create(form.value));
    } catch (err) {
      return failFrom(err, typedValues(data));
    }
    redirect(303, `/sell/${id}/photos?created=1`);
  },
};
