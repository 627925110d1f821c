import { serverApi } from '$lib/server/api';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
  const { locals, depends } = event;
  // the bell's count: loaded again when a notification arrives or is read (the bell invalidates this)
  depends('app:notifications');
  return {
    user: locals.user && { id: locals.user.id, displayName: locals.user.displayName, role: locals.user.role, username: locals.user.username },
    unreadNotifications: locals.user ? (await serverApi(event).notifications.unreadCount()).unreadCount : 0,
  };
};
