import { errorFrom, failFrom, serverApi } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const api = serverApi(event);
  try {
    const [searches, watched] = await Promise.all([api.savedSearches.list(), api.watchlist.list({})]);
    return { searches: searches.items, watched: watched.items };
  } catch (err) {
    errorFrom(err);
  }
};

export const actions: Actions = {
  removeSearch: async (event) => {
    const data = await event.request.formData();
    try {
      await serverApi(event).savedSearches.remove({ id: String(data.get('id') ?? '') });
      return { removed: true };
    } catch (err) {
      return failFrom(err);
    }
  },
  unwatch: async (event) => {
    const data = await event.request.formData();
    try {
      await serverApi(event).watchlist.remove({ listingId: String(data.get('listingId') ?? '') });
      return { removed: true };
    } catch (err) {
      return failFrom(err);
    }
  },
};
