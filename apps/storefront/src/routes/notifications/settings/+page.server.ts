import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type NotificationChannel, type NotificationKind } from '@carparts/domain';
import { errorFrom, failFrom, serverApi } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  try {
    const api = serverApi(event);
    const [preferences, me] = await Promise.all([api.notifications.preferences(), api.auth.me()]);
    return { preferences, emailConfirmed: me.emailConfirmed };
  } catch (err) {
    errorFrom(err);
  }
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    // every kind the form shows is sent; a value that is not a choice is left to the API to refuse in words
    const changes = Object.fromEntries(NOTIFICATION_KINDS.filter((kind) => data.has(kind)).map((kind) => [kind, String(data.get(kind))])) as Record<NotificationKind, NotificationChannel>;
    try {
      return { saved: true, preferences: await serverApi(event).notifications.setPreferences(changes) };
    } catch (err) {
      return failFrom(err);
    }
  },
};
