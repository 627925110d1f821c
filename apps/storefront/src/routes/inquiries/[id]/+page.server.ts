import type { Actions, PageServerLoad } from './$types';
import { errorFrom, failFrom, requireUser, serverApi } from '$lib/server/api';
import { inquiryActions } from '$lib/server/shared-actions';

/** One conversation with every message, paged oldest first: for its buyer and the listing's seller. */
export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const api = serverApi(event);
  const thread = await api.inquiries.get({ inquiryId: event.params.id, cursor: event.url.searchParams.get('cursor') ?? undefined, limit: 50 }).catch(errorFrom);
  // a page asked for whole is on screen; a data request may be a link preloaded while the pointer passed over it, so
  // then the page says itself when it is shown (the `seen` action)
  const seen = !event.isDataRequest;
  if (seen) await api.notifications.markRead({ inquiryId: thread.id });
  return { thread, seen };
};

export const actions: Actions = {
  ...inquiryActions,
  /** The conversation is on screen: what the bell said about it has been seen (and needs no email). */
  seen: async (event) => {
    try {
      await serverApi(event).notifications.markRead({ inquiryId: event.params.id });
      return { seen: true };
    } catch (err) {
      return failFrom(err);
    }
  },
};
