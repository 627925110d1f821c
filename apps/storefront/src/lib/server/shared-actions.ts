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

export async function cancelPurchase(event: RequestEvent) {
  const data = await event.request.formData();
  try {
    await serverApi(event).purchases.cancel({ purchaseId: String(data.get('purchaseId') ?? ''), reason: formText(data, 'reason') });
    return { cancelled: true };
  } catch (err) {
    return failFrom(err);
  }
}
