import type { Actions, PageServerLoad } from './$types';
import { errorFrom, requireUser, serverApi } from '$lib/server/api';
import { inquiryActions } from '$lib/server/shared-actions';

/** One conversation with every message, paged oldest first: for its buyer and the listing's seller. */
export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const api = serverApi(event);
  const thread = await api.inquiries.get({ inquiryId: event.params.id, cursor: event.url.searchParams.get('cursor') ?? undefined, limit: 50 }).catch(errorFrom);
  // the conversation is on screen: what the bell said about it has been seen (and needs no email)
  await api.notifications.markRead({ inquiryId: thread.id });
  return { thread };
};

export const actions: Actions = inquiryActions;
