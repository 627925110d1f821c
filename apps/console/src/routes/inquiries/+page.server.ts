import type { Actions, PageServerLoad } from './$types';
import { errorFrom, failFrom, serverApi } from '$lib/server/api';

export const load: PageServerLoad = async (event) => {
  const p = event.url.searchParams;
  const status = p.get('status');
  const age = p.get('olderThanHours');
  const filters = {
    status: status === 'open' || status === 'replied' || status === 'closed' ? (status as 'open' | 'replied' | 'closed') : undefined,
    olderThanHours: age && /^\d+$/.test(age) ? Math.min(Number(age), 24 * 365) : undefined,
    listingId: p.get('listing') || undefined,
    sort: p.get('sort') === 'newest' ? ('newest' as const) : ('oldest' as const),
  };
  const inquiries = await serverApi(event).console.inquiries({ ...filters, cursor: p.get('cursor') || undefined, limit: 25 }).catch(errorFrom);
  return { filters, inquiries };
};

export const actions: Actions = {
  close: async (event) => {
    const data = await event.request.formData();
    const inquiryId = String(data.get('inquiryId') ?? '');
    try {
      await serverApi(event).console.closeInquiry({ inquiryId, reason: String(data.get('reason') ?? '') });
      return { closed: inquiryId };
    } catch (err) {
      return failFrom(err, { inquiryId });
    }
  },
};
