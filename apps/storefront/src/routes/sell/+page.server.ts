import type { Actions, PageServerLoad } from './$types';
import { failFrom, serverApi } from '$lib/server/api';
import { cancelPurchase, isSure } from '$lib/server/shared-actions';

export const load: PageServerLoad = async (event) => {
  const api = serverApi(event);
  const [listings, reservations, open, notFit, me] = await Promise.all([
    api.listings.mine({ limit: 20, cursor: event.url.searchParams.get('cursor') ?? undefined }),
    api.purchases.mine({ as: 'seller', status: 'reserved', limit: 50 }),
    api.inquiries.mine({ as: 'seller', status: 'open', limit: 50 }),
    api.fitment.reportsOnMyListings(),
    api.auth.me(),
  ]);
  return { listings, reservations: reservations.items, openInquiries: open.items.length, notFit, hasLocation: me.location !== null };
};

export const actions: Actions = {
  confirm: async (event) => {
    const data = await event.request.formData();
    if (!isSure(data)) return { ask: { action: 'confirm', purchaseId: String(data.get('purchaseId') ?? '') } };
    try {
      await serverApi(event).purchases.complete({ purchaseId: String(data.get('purchaseId') ?? '') });
      return { confirmed: true };
    } catch (err) {
      return failFrom(err);
    }
  },
  cancel: cancelPurchase,
};
