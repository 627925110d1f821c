import type { InquiryStatus } from './catalog.ts';
import { DomainError } from './errors.ts';

/**
 * A question about a listing is a conversation between its buyer and the listing's seller. A seller's message marks it
 * answered; a buyer's follow-up re-opens it, so the seller's inbox shows it as waiting again. Either party, or an
 * operator, may close it; a closed conversation takes no more messages, and closing it again changes nothing.
 */
export type InquiryParty = 'buyer' | 'seller';

export function inquiryParty(inquiry: { buyerId: string; sellerId: string }, userId: string): InquiryParty | null {
  return inquiry.buyerId === userId ? 'buyer' : inquiry.sellerId === userId ? 'seller' : null;
}

/** Who may read a conversation: its two parties and operators. */
export function canReadInquiry(inquiry: { buyerId: string; sellerId: string }, viewer: { id: string; role: string }): boolean {
  return viewer.role === 'operator' || inquiryParty(inquiry, viewer.id) !== null;
}

/** The status after a message by one of the parties. */
export function statusAfterMessage(from: InquiryStatus, by: InquiryParty): InquiryStatus {
  if (from === 'closed') throw new DomainError('PRECONDITION_FAILED', 'This inquiry is closed');
  return by === 'seller' ? 'replied' : 'open';
}

/** Whether closing changes anything: false for a conversation that is closed already (closing is idempotent). */
export function closes(from: InquiryStatus): boolean {
  return from !== 'closed';
}
