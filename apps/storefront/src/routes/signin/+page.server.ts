import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failFrom, serverApi } from '$lib/server/api';
import { safeRedirect } from '@carparts/kit';


export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
  return { redirectTo: safeRedirect(url.searchParams.get('redirectTo')) };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const username = String(data.get('username') ?? '');
    try {
      await serverApi(event).auth.signIn({ username, password: String(data.get('password') ?? '') });
    } catch (err) {
      return failFrom(err, { username });
    }
    redirect(303, safeRedirect(String(data.get('redirectTo') ?? '/')));
  },
};
