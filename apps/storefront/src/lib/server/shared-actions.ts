import type { RequestEvent } from '@sveltejs/kit';
import { failFrom, formText, serverApi } from './api';

/** Form actions that more than one page offers: replying to and closing a conversation, calling off a reservation. */
export const inquiryActions = {
  reply: async (event: RequestEvent) => {
    const data = await event.request.formData();
    const inquiryId = String(data.get('inquiryId') ?? '');
    try {
      await serverApi(event).inquiries.reply({ inquiryId, message: String(data.get('message') ?? '') });
      return { replied: inquiryId };
    } catch (err) {
      return failFrom(err, { inquiryId, form: 'reply' });
    }
  },
  close: async (event: RequestEvent) => {
    const data = await event.request.formData();
    try {
      await serverApi(event).inquiries.close({ inquiryId: String(data.get('inquiryId') ?? '') });
      return { closed: true };
    } catch (err) {
      return failFrom(err);
    }
  },
};

/**
 * Actions that cannot be undone act only on a form that says `sure=yes`; otherwise they answer with the question, so
 * that a single click (or a browser without JavaScript) never confirms a sale or calls off a reservation by accident.
 */
export const isSure = (data: FormData) => data.get('sure') === 'yes';

export async function cancelPurchase(event: RequestEvent) {
  const data = await event.request.formData();
  if (!isSure(data)) return { ask: { action: 'cancel', purchaseId: String(data.get('purchaseId') ?? '') } };
  try {
    await serverApi(event).purchases.cancel({ purchaseId: String(data.get('purchaseId') ?? ''), reason: formText(data, 'reason') });
    return { cancelled: true };
  } catch (err) {
    return failFrom(err);
  }
}
