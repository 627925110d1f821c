import { createListingInput } from '@carparts/domain';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failFrom, parseForm, serverApi, typedValues } from '$lib/server/api';
import { listingFromForm, siteFromForm } from '$lib/server/listing-form';

export const load: PageServerLoad = async (event) => ({ knownVehicles: await serverApi(event).listings.knownVehicles() });

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const site = await siteFromForm(data, serverApi(event));
    if (!site.ok) return site.failure;
    const form = parseForm(createListingInput, { ...listingFromForm(data), site: site.site }, typedValues(data));
    if (!form.ok) return form.failure;
    let id: string;
    try {
      // the form always sends coverage rows, which carry their years (rows without years exist only from before them)
      const coverage = form.value.coverage.map((row) => ({ ...row, yearFrom: row.yearFrom!, yearTo: row.yearTo! }));
      ({ id } = await serverApi(event).listings.create({ ...form.value, coverage }));
    } catch (err) {
      return failFrom(err, typedValues(data));
    }
    redirect(303, `/sell/${id}/photos?created=1`);
  },
};
