import { fail, redirect } from '@sveltejs/kit';
import { invalidateSession } from '@carparts/auth';
import { credentialsFrom, safeRedirect } from '@carparts/kit';
import type { Actions, PageServerLoad } from './$types';
import { db, failFrom, serverApi, writeSessionCookie } from '$lib/server/api';

export const load: PageServerLoad = ({ locals, url }) => {
  const redirectTo = safeRedirect(url.searchParams.get('redirectTo'));
  if (locals.user?.role === 'operator') redirect(303, redirectTo);
  return { redirectTo };
};

export const actions: Actions = {
  default: async (event) => {
    const { username, password, redirectTo } = credentialsFrom(await event.request.formData());
    try {
      const { user, token, expiresAt } = await serverApi(event).auth.signIn({ username, password, sessionIn: 'token' });
      if (user.role !== 'operator') {
        // the right password of a non-operator: end the session just made, keep nothing, say why
        await invalidateSession(db, token!.split('.')[0]!);
        return fail(403, { message: 'This console is for operators only. Buyers and sellers use the storefront.', values: { username } });
      }
      writeSessionCookie(event, token!, expiresAt);
    } catch (err) {
      return failFrom(err, { username });
    }
    redirect(303, redirectTo);
  },
};
