import type { Actions, PageServerLoad } from './$types';
import { errorFrom, requireUser, serverApi } from '$lib/server/api';
import { inquiryActions } from '$lib/server/shared-actions';

/** One conversation with every message, paged oldest first: for its buyer and the listing's seller. */
export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const thread = await serverApi(event)
    .inquiries.get({ inquiryId: event.params.id, cursor: event.url.searchParams.get('cursor') ?? undefined, limit: 50 })
    .catch(errorFrom);
  return { thread };
};

export const actions: Actions = inquiryActions;
