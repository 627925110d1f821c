import { redirect } from '@sveltejs/kit';
import { credentialsFrom, safeRedirect } from '@carparts/kit';
import type { Actions, PageServerLoad } from './$types';
import { failFrom, serverApi } from '$lib/server/api';

export const load: PageServerLoad = ({ locals, url }) => {
  const redirectTo = safeRedirect(url.searchParams.get('redirectTo'));
  if (locals.user) redirect(303, redirectTo);
  return { redirectTo };
};

export const actions: Actions = {
  default: async (event) => {
    const { username, password, redirectTo } = credentialsFrom(await event.request.formData());
    try {
      await serverApi(event).auth.signIn({ username, password });
    } catch (err) {
      return failFrom(err, { username });
    }
    redirect(303, redirectTo);
  },
};
