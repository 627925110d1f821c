import type { Actions, PageServerLoad } from './$types';
import { errorFrom, failFrom, serverApi } from '$lib/server/api';

export const load: PageServerLoad = async (event) => ({
  detail: await serverApi(event).console.listing({ id: event.params.id }).catch(errorFrom),
});

export const actions: Actions = {
  moderate: async (event) => {
    const data = await event.request.formData();
    const reason = String(data.get('reason') ?? '');
    try {
      await serverApi(event).console.moderateListing({ id: event.params.id, action: data.get('action') === 'restore' ? 'restore' : 'remove', reason });
      return { moderated: true };
    } catch (err) {
      return failFrom(err, { reason });
    }
  },
};
