import type { Actions, PageServerLoad } from './$types';
import { serverApi } from '$lib/server/api';
import { inquiryActions } from '$lib/server/shared-actions';

export const load: PageServerLoad = async (event) => {
  const status = event.url.searchParams.get('status');
  const inquiries = await serverApi(event).inquiries.mine({
    as: 'seller',
    status: status === 'open' || status === 'replied' || status === 'closed' ? status : undefined,
    limit: 50,
  });
  return { inquiries: inquiries.items, status };
};

export const actions: Actions = inquiryActions;
