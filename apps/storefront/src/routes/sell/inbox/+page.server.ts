import type { Actions, PageServerLoad } from './$types';
import { failFrom, serverApi } from '$lib/server/api';

export const load: PageServerLoad = async (event) => {
  const status = event.url.searchParams.get('status');
  const inquiries = await serverApi(event).inquiries.mine({
    as: 'seller',
    status: status === 'open' || status === 'replied' || status === 'closed' ? status : undefined,
    limit: 50,
  });
  return { inquiries: inquiries.items, status };
};

export const actions: Actions = {
  reply: async (event) => {
    const data = await event.request.formData();
    const inquiryId = String(data.get('inquiryId') ?? '');
    try {
      await serverApi(event).inquiries.reply({ inquiryId, message: String(data.get('message') ?? '') });
      return { replied: inquiryId };
    } catch (err) {
      return failFrom(err, { inquiryId });
    }
  },
  close: async (event) => {
    const data = await event.request.formData();
    try {
      await serverApi(event).inquiries.close({ inquiryId: String(data.get('inquiryId') ?? '') });
      return { closed: true };
    } catch (err) {
      return failFrom(err);
    }
  },
};
