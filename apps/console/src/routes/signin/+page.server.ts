import { fail, redirect } from '@sveltejs/kit';
import { invalidateSession } from '@carparts/auth';
import { safeRedirect } from '@carparts/kit';
import type { Actions, PageServerLoad } from './$types';
import { db, failFrom, serverApi, writeSessionCookie } from '$lib/server/api';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user?.role === 'operator') redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
  return { redirectTo: safeRedirect(url.searchParams.get('redirectTo')) };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const username = String(data.get('username') ?? '');
    try {
      const { user, token, expiresAt } = await serverApi(event).auth.signIn({ username, password: String(data.get('password') ?? ''), sessionIn: 'token' });
      if (user.role !== 'operator') {
        // the right password of a non-operator: end the session just made, keep nothing, say why
        await invalidateSession(db, token!.split('.')[0]!);
        return fail(403, { message: 'This console is for operators only. Buyers and sellers use the storefront.', values: { username } });
      }
      writeSessionCookie(event, token!, expiresAt);
    } catch (err) {
      return failFrom(err, { username });
    }
    redirect(303, safeRedirect(String(data.get('redirectTo') ?? '/')));
  },
};
