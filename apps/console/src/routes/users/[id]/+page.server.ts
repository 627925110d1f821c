import { ROLES, type Role } from '@carparts/domain';
import type { Actions, PageServerLoad } from './$types';
import { errorFrom, failFrom, serverApi } from '$lib/server/api';

export const load: PageServerLoad = async (event) => ({
  detail: await serverApi(event).console.user({ userId: event.params.id }).catch(errorFrom),
  self: event.locals.user?.id === event.params.id,
});

export const actions: Actions = {
  role: async (event) => {
    const data = await event.request.formData();
    const role = String(data.get('role') ?? '');
    try {
      await serverApi(event).console.setUserRole({ userId: event.params.id, role: (ROLES.includes(role as Role) ? role : '') as Role, reason: String(data.get('reason') ?? '') });
      return { done: 'Role changed; their sessions were ended.' };
    } catch (err) {
      return failFrom(err, { form: 'role' });
    }
  },
  suspend: async (event) => {
    const data = await event.request.formData();
    try {
      const suspend = data.get('suspend') === 'true';
      await serverApi(event).console.suspendUser({ userId: event.params.id, suspend, reason: String(data.get('reason') ?? '') });
      return { done: suspend ? 'Suspended: their sessions ended at once and they cannot sign in.' : 'Reinstated.' };
    } catch (err) {
      return failFrom(err, { form: 'suspend' });
    }
  },
  verify: async (event) => {
    const data = await event.request.formData();
    try {
      const verified = data.get('verified') === 'true';
      await serverApi(event).console.verifySeller({ userId: event.params.id, verified, reason: String(data.get('reason') ?? '') });
      return { done: verified ? 'Marked as a verified business: buyers now see the badge.' : 'No longer marked as a verified business.' };
    } catch (err) {
      return failFrom(err, { form: 'verify' });
    }
  },
};
