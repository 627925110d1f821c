import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failFrom, formText, serverApi } from '$lib/server/api';

export const load: PageServerLoad = ({ locals }) => {
  if (locals.user) redirect(303, '/');
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = {
      username: String(data.get('username') ?? ''),
      email: String(data.get('email') ?? ''),
      displayName: String(data.get('displayName') ?? ''),
      phoneNumber: formText(data, 'phoneNumber'),
      role: data.get('role') === 'seller' ? ('seller' as const) : ('buyer' as const),
    };
    try {
      await serverApi(event).auth.signUp({ ...values, password: String(data.get('password') ?? '') });
    } catch (err) {
      return failFrom(err, values);
    }
    redirect(303, values.role === 'seller' ? '/sell' : '/');
  },
};
