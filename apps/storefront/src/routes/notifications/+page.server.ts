import { safeRedirect } from '@carparts/kit';
import { redirect } from '@sveltejs/kit';
import { errorFrom, failFrom, serverApi } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const unreadOnly = event.url.searchParams.get('show') === 'unread';
  const cursor = event.url.searchParams.get('cursor') ?? undefined;
  try {
    const page = await serverApi(event).notifications.list({ unreadOnly, cursor, limit: 30 });
    return { ...page, unreadOnly, paged: !!cursor };
  } catch (err) {
    errorFrom(err);
  }
};

export const actions: Actions = {
  /** Opens a notification: marks it read, then goes to the page where the person can act on it. */
  open: async (event) => {
    const data = await event.request.formData();
    try {
      await serverApi(event).notifications.markRead({ ids: [String(data.get('id') ?? '')] });
    } catch (err) {
      return failFrom(err);
    }
    redirect(303, safeRedirect(String(data.get('path') ?? '/notifications')));
  },
  read: async (event) => {
    const data = await event.request.formData();
    try {
      await serverApi(event).notifications.markRead({ ids: [String(data.get('id') ?? '')] });
      return { marked: true };
    } catch (err) {
      return failFrom(err);
    }
  },
  readAll: async (event) => {
    try {
      await serverApi(event).notifications.markRead({ all: true });
      return { marked: true };
    } catch (err) {
      return failFrom(err);
    }
  },
};
